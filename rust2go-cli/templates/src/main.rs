mod user;

use user::{Greeter, GreeterImpl, User};

#[tokio::main]
async fn main() {
    let user = User { id: 1, name: "Ferris".into() };
    println!("{}", GreeterImpl::greet(&user));
    println!("{}", GreeterImpl::greet_later(&user, 10).await);
    println!("{:?}", GreeterImpl::name_length(&user));
    println!("{:?}", GreeterImpl::name_length(&User { id: 2, name: String::new() }));
}

#[cfg(test)]
mod tests {
    use super::user::{Greeter, GreeterImpl, User};

    #[tokio::test]
    async fn each_call_reaches_go() {
        let user = User { id: 1, name: "Ferris".into() };
        assert_eq!(GreeterImpl::greet(&user), "hello Ferris (#1)");
        assert_eq!(GreeterImpl::greet_later(&user, 1).await, "hello again Ferris");
        assert_eq!(GreeterImpl::name_length(&user), Ok(6));
        let nobody = User { id: 2, name: String::new() };
        assert_eq!(GreeterImpl::name_length(&nobody), Err("user 2 has no name".to_string()));
    }
}
