//! Writes a generated map: `cargo run --release --example generate -- 10000 2000 > big.toml`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>());
    let nodes = args.next().and_then(Result::ok).unwrap_or(10_000);
    let paragraphs = args.next().and_then(Result::ok).unwrap_or(2_000);
    print!("{}", argwalk::dev::synthetic::map_text(nodes, paragraphs));
}
