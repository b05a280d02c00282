//! The `pan` command.

fn main() -> std::process::ExitCode {
    pan::cmd::main()
}
