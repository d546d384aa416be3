fn main() -> std::process::ExitCode {
    career_guide::cli::main()
}
