//! The `liveline` command-line tool.

mod cli;

// The tool makes and drops many small strings (events, their sources and blocks):
// mimalloc's thread-local free lists serve them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
