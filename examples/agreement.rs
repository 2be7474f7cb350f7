//! Measures how `compare` agrees with people: on a corpus laid out as the Argument Annotated
//! Essays' agreement study (`Step1/annotatorN/*.ann`, `brat-project-final/*.txt`), prints for
//! each component type the F1 of argwalk's alignment between every two annotators, and the
//! mean of `compare`'s scores. docs/PERFORMANCE.md says where to get the corpus.
//!
//! `cargo run --release --example agreement -- DIR`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: agreement DIR (the folder holding Step1/ and brat-project-final/)");
        return ExitCode::from(2);
    };
    let (tally, essays) = match argwalk::dev::agreement::corpus(std::path::Path::new(&dir)) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("agreement: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "{essays} essays, {} pairs of annotators compared",
        tally.overall.len()
    );
    println!("| type | matched | given (both sides) | argwalk's F1 | the annotations' own spans |");
    println!("| --- | --- | --- | --- | --- |");
    for t in argwalk::dev::agreement::Type::ALL {
        println!(
            "| {} | {} | {} | {:.3} | {:.3} |",
            t.name(),
            tally.matched.get(&t).copied().unwrap_or(0),
            tally.total.get(&t).copied().unwrap_or(0),
            tally.f1(t),
            tally.span_f1(t)
        );
    }
    let ranking: Vec<&str> = tally.ranking().iter().map(|t| t.name()).collect();
    println!("ranking: {}", ranking.join(" > "));
    println!(
        "compare between annotators: components F1 {:.3}, overall {:.3} (mean of the pairs)",
        tally.mean_components(),
        tally.mean_overall()
    );
    ExitCode::SUCCESS
}
