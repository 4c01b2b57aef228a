#[derive(rust2go::R2G)]
pub enum Either<L, R> {
    Left(L),
    Right(R),
}

fn main() {}
