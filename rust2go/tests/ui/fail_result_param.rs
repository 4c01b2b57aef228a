// `Result` is a method result only.
#[derive(rust2go::R2G)]
pub struct Outcome {
    pub value: Result<u32, String>,
}

#[rust2go::r2g]
pub trait Calls {
    fn report(r: Result<u32, String>);
    fn report_ref(r: &Result<u32, String>);
    fn nested() -> Option<Result<u32, String>>;
}

fn main() {}
