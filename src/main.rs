//! The `argwalk` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    argwalk::cli::main()
}
