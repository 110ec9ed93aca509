//! The `liveline` command-line tool.

mod cli;

// The tool makes and drops many small strings (events, their sources and blocks):
// mimalloc's thread-local free lists serve them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    allocator::configure();
    let code = cli::main();
    allocator::no_more_purging();
    code
}

/// What the tool tells mimalloc beyond what the `mimalloc` crate's allocator does.
mod allocator {
    use std::ffi::{c_int, c_long};

    /// `mi_option_purge_delay`: its place in mimalloc's `mi_option_t` (`mimalloc.h`,
    /// the same in mimalloc 2 and 3); the milliseconds mimalloc waits before it hands
    /// free memory back to the system (10 by default in mimalloc 2), -1 for never.
    const PURGE_DELAY: c_int = 15;

    /// The purge delay during a run: a second (mimalloc 3's default). With mimalloc 2's
    /// 10 ms, memory a long page's phases free was handed back and asked for again
    /// (zeroed by the system each time) between one phase and the next.
    const RUN_PURGE_DELAY: c_long = 1000;

    unsafe extern "C" {
        fn mi_option_set(option: c_int, value: c_long);
        #[cfg(test)]
        fn mi_option_get(option: c_int) -> c_long;
    }

    /// Before the run: free memory is kept a second before it goes back to the system
    /// (unless `MIMALLOC_PURGE_DELAY` says otherwise, which mimalloc reads).
    pub(crate) fn configure() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
            // SAFETY: `mi_option_set` only stores the value, which mimalloc reads when
            // it would purge; the option is one of mimalloc's (see `PURGE_DELAY`).
            unsafe { mi_option_set(PURGE_DELAY, RUN_PURGE_DELAY) }
        }
    }

    /// The run is over and its memory goes back to the system with the process: from
    /// here on mimalloc hands no free memory back. Otherwise, on the way out, it does
    /// so one range at a time (a couple of hundred `madvise` calls after a run over
    /// 10,000 pages, each interrupting every core the process ran on: 1 to 1.5 ms of
    /// the run with 2 jobs).
    pub(crate) fn no_more_purging() {
        // SAFETY: as in `configure`.
        unsafe { mi_option_set(PURGE_DELAY, -1) }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn the_purge_delay_is_the_option_set() {
            // SAFETY: reading and storing an option of mimalloc's.
            let get = || unsafe { mi_option_get(PURGE_DELAY) };
            // What the environment says, as mimalloc reads it, or else its default in
            // mimalloc 2 before the run and a second during it.
            let env = std::env::var("MIMALLOC_PURGE_DELAY")
                .ok()
                .and_then(|v| v.parse().ok());
            assert_eq!(get(), env.unwrap_or(10));
            configure();
            assert_eq!(get(), env.unwrap_or(RUN_PURGE_DELAY));
            no_more_purging();
            assert_eq!(get(), -1);
        }
    }
}
