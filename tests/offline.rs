//! `brief` is for air-gapped machines (issue 5): it links no network
//! client, runs with networking unavailable and makes no network call.
//!
//! That nothing is written beside a briefing is checked in `no_writes.rs`.
//!
//! The runtime proofs run the real binary inside a network namespace with
//! no interfaces (`unshare -n`, or `unshare -rn` where only user namespaces
//! are allowed) and under `strace` (every network system call logged). At
//! least one of the two must be possible: without either the test fails
//! and says so, rather than passing without proving anything.
#![cfg(unix)]

#[path = "support/offline_run.rs"]
mod offline_run;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use offline_run::*;

// ---------------------------------------------------------------------------
// No network client is linked.
// ---------------------------------------------------------------------------

/// Crates that exist to talk over a network. `Cargo.lock` lists every
/// package any feature or target of the build could use, so none of these
/// may appear in it at all.
///
/// Deliberately not listed: `mio` (crossterm and `terminal::hangup` poll
/// the terminal and signal pipes with it; its TCP and UDP types are behind
/// a `net` feature and, like `std::net`, only matter if called, which the runtime tests
/// below rule out), `libc`, `rustix` and `nix` (system call wrappers that
/// also wrap `socket`), `mac_address` (reads interface addresses, sends
/// nothing; it comes with termwiz, which is in the lock file only as an
/// optional ratatui backend), and `http`/`url` style data types.
const NETWORK_CRATES: &[(&str, &str)] = &[
    // HTTP clients and servers.
    ("reqwest", "HTTP client"),
    ("ureq", "HTTP client"),
    ("curl", "libcurl bindings"),
    ("curl-sys", "libcurl bindings"),
    ("isahc", "HTTP client"),
    ("surf", "HTTP client"),
    ("attohttpc", "HTTP client"),
    ("minreq", "HTTP client"),
    ("http-req", "HTTP client"),
    ("hyper", "HTTP implementation"),
    ("hyper-util", "HTTP implementation"),
    ("h2", "HTTP/2"),
    ("h3", "HTTP/3"),
    ("quinn", "QUIC"),
    ("quiche", "QUIC"),
    ("tiny_http", "HTTP server"),
    ("axum", "HTTP server"),
    ("actix-web", "HTTP server"),
    ("warp", "HTTP server"),
    ("rocket", "HTTP server"),
    ("tonic", "gRPC"),
    ("tungstenite", "WebSocket"),
    ("tokio-tungstenite", "WebSocket"),
    ("websocket", "WebSocket"),
    // Async runtimes whose reason to exist here would be sockets: `brief`
    // has no async code at all.
    ("tokio", "async runtime with TCP/UDP"),
    ("async-std", "async runtime with TCP/UDP"),
    ("smol", "async runtime with TCP/UDP"),
    ("async-net", "async TCP/UDP"),
    // Sockets, DNS and TLS.
    ("socket2", "raw socket API"),
    ("trust-dns-resolver", "DNS resolver"),
    ("hickory-resolver", "DNS resolver"),
    ("hickory-proto", "DNS protocol"),
    ("dns-lookup", "DNS lookups"),
    ("rustls", "TLS"),
    ("native-tls", "TLS"),
    ("openssl", "TLS"),
    ("openssl-sys", "TLS"),
    ("webpki-roots", "TLS root certificates"),
    // Other protocols.
    ("ssh2", "SSH"),
    ("libssh2-sys", "SSH"),
    ("git2", "git with network fetch"),
    ("lettre", "mail"),
    ("suppaftp", "FTP"),
    ("zmq", "messaging"),
];

/// Package names in `Cargo.lock`.
fn locked_packages() -> Vec<String> {
    let lock =
        std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).expect("read Cargo.lock");
    lock.lines()
        .filter_map(|line| line.strip_prefix("name = "))
        .map(|name| name.trim().trim_matches('"').to_string())
        .collect()
}

#[test]
fn cargo_lock_has_no_network_client() {
    let packages = locked_packages();
    assert!(
        packages.iter().any(|p| p == "ratatui") && packages.len() > 20,
        "Cargo.lock could not be read as expected: {packages:?}"
    );
    let found: Vec<String> = NETWORK_CRATES
        .iter()
        .filter(|(name, _)| packages.iter().any(|p| p == name))
        .map(|(name, what)| format!("{name} ({what})"))
        .collect();
    assert!(
        found.is_empty(),
        "network crates in Cargo.lock: {}",
        found.join(", ")
    );
}

/// The binary imports none of the C library's network functions (`std::net`
/// and any crate calling through libc would). Raw system calls (rustix)
/// do not show here; the `strace` test covers those.
#[cfg(target_os = "linux")]
#[test]
fn the_binary_imports_no_network_functions() {
    let bytes = std::fs::read(BRIEF).expect("read the binary");
    let imports = elf_undefined_symbols(&bytes).expect("the binary is a 64-bit ELF file");
    assert!(
        imports
            .iter()
            .any(|s| s == "write" || s.starts_with("write@")),
        "the import table was not read right: {imports:?}"
    );
    let network = [
        "socket",
        "connect",
        "bind",
        "listen",
        "accept",
        "accept4",
        "sendto",
        "recvfrom",
        "getaddrinfo",
        "gethostbyname",
        "gethostbyname_r",
        "getnameinfo",
        "res_query",
        "res_init",
    ];
    let found: Vec<&String> = imports
        .iter()
        .filter(|symbol| {
            let name = symbol.split('@').next().unwrap_or(symbol);
            network.contains(&name)
        })
        .collect();
    assert!(
        found.is_empty(),
        "the binary imports network functions: {found:?}"
    );
}

/// The names of the undefined symbols in an ELF64 little-endian file's
/// dynamic symbol table: what it imports from shared libraries.
#[cfg(target_os = "linux")]
fn elf_undefined_symbols(elf: &[u8]) -> Option<Vec<String>> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(elf.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(elf.get(at..at + 4)?.try_into().ok()?));
    let u64_at =
        |at: usize| usize::try_from(u64::from_le_bytes(elf.get(at..at + 8)?.try_into().ok()?)).ok();
    // Magic, 64-bit class, little endian.
    if elf.get(..6)? != b"\x7fELF\x02\x01" {
        return None;
    }
    let section_headers = u64_at(0x28)?;
    let entry_size = usize::from(u16_at(0x3a)?);
    let sections = usize::from(u16_at(0x3c)?);
    let section = |index: usize| section_headers + index * entry_size;
    const SHT_DYNSYM: u32 = 11;
    let dynsym = (0..sections).find(|&i| u32_at(section(i) + 4) == Some(SHT_DYNSYM))?;
    let offset = u64_at(section(dynsym) + 0x18)?;
    let size = u64_at(section(dynsym) + 0x20)?;
    let link = usize::try_from(u32_at(section(dynsym) + 0x28)?).ok()?;
    let symbol_size = u64_at(section(dynsym) + 0x38)?;
    let strings = u64_at(section(link) + 0x18)?;
    let mut names = Vec::new();
    for symbol in (offset..offset + size).step_by(symbol_size.max(1)) {
        let name = usize::try_from(u32_at(symbol)?).ok()?;
        let section_index = u16_at(symbol + 6)?;
        if name == 0 || section_index != 0 {
            continue;
        }
        let start = strings + name;
        let end = start + elf.get(start..)?.iter().position(|&b| b == 0)?;
        names.push(String::from_utf8_lossy(elf.get(start..end)?).into_owned());
    }
    Some(names)
}

// ---------------------------------------------------------------------------
// It runs with no network, and makes no network call.
// ---------------------------------------------------------------------------

/// A program on `PATH`, if there is one.
fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?
        .to_str()?
        .split(':')
        .map(|dir| Path::new(dir).join(program))
        .find(|path| path.is_file())
}

/// The `unshare` arguments that give a process a network namespace of its
/// own (only a loopback device, down), if this machine allows one: as root
/// `-n`; otherwise `-rn`, mapping the user to root in a user namespace.
fn network_namespace() -> Option<(PathBuf, &'static [&'static str])> {
    let unshare = on_path("unshare")?;
    [&["-n"][..], &["-rn"][..]].into_iter().find_map(|args| {
        let works = Command::new(&unshare)
            .args(args)
            .arg("true")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        works.then(|| (unshare.clone(), args))
    })
}

/// `strace`, if it is there and may trace here (ptrace can be forbidden).
fn working_strace() -> Option<PathBuf> {
    let strace = on_path("strace")?;
    let works = Command::new(&strace)
        .args([
            "-f",
            "-qq",
            "-e",
            "trace=network",
            "-o",
            "/dev/null",
            "true",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    works.then_some(strace)
}

/// The commands that must work offline, as arguments to `brief`.
fn offline_commands() -> Vec<Vec<&'static str>> {
    vec![
        vec!["check", ANNOTATIONS],
        vec!["check", "--format", "json", ANNOTATIONS],
        vec!["render", "--size", "80x24"],
        vec![
            "render",
            ANNOTATIONS,
            "--size",
            "120x40",
            "--keys",
            "<Tab><Enter>e",
        ],
    ]
}

fn assert_worked(output: &Output, context: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{context}: failed ({:?}); stdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    assert!(
        stdout.contains("0 errors") || stdout.contains("\"errors\":0") || stdout.contains(TITLE),
        "{context}: unexpected output: {stdout}\nstderr: {stderr}"
    );
}

#[test]
fn it_runs_with_networking_unavailable_and_makes_no_network_call() {
    let namespace = network_namespace();
    let strace = working_strace();
    assert!(
        namespace.is_some() || strace.is_some(),
        "cannot prove that brief works offline: neither `unshare -n`/`unshare -rn` (util-linux; \
         needs root or unprivileged user namespaces) nor `strace` (needs ptrace) works here. \
         Install one, or run the tests where one is allowed."
    );

    if let Some((unshare, args)) = &namespace {
        // First, that the namespace really has no way out.
        let interfaces = Command::new(unshare)
            .args(*args)
            .args(["cat", "/proc/net/dev"])
            .output()
            .expect("run unshare");
        let interfaces = String::from_utf8_lossy(&interfaces.stdout);
        let up: Vec<&str> = interfaces
            .lines()
            .skip(2)
            .filter_map(|line| line.split(':').next())
            .map(str::trim)
            .filter(|name| *name != "lo")
            .collect();
        assert!(up.is_empty(), "the namespace has interfaces: {up:?}");
        for command in offline_commands() {
            let output = Command::new(unshare)
                .args(*args)
                .arg(BRIEF)
                .args(&command)
                .current_dir(ROOT)
                .env_remove("NO_COLOR")
                .output()
                .expect("run brief in a network namespace");
            assert_worked(
                &output,
                &format!("unshare {} brief {}", args.join(" "), command.join(" ")),
            );
        }
        // And the reader itself, in a terminal.
        let mut reader = vec![unshare.to_string_lossy().into_owned()];
        reader.extend(args.iter().map(|a| a.to_string()));
        reader.push(BRIEF.to_string());
        let (code, _) = run_reader(&reader, Path::new(ROOT));
        assert_eq!(code, 0, "the reader in a network namespace");
    }

    if let Some(strace) = &strace {
        let log_dir = scratch_dir("strace");
        for (n, command) in offline_commands().iter().enumerate() {
            let log = log_dir.join(format!("{n}.log"));
            let output = Command::new(strace)
                .args(["-f", "-qq", "-e", "trace=network", "-o"])
                .arg(&log)
                .arg(BRIEF)
                .args(command)
                .current_dir(ROOT)
                .output()
                .expect("run brief under strace");
            let context = format!("strace brief {}", command.join(" "));
            assert_worked(&output, &context);
            assert_no_network_calls(&log, &context);
        }
        // The reader, traced, in a terminal.
        let log = log_dir.join("reader.log");
        let reader = vec![
            strace.to_string_lossy().into_owned(),
            "-f".into(),
            "-qq".into(),
            "-e".into(),
            "trace=network".into(),
            "-o".into(),
            log.to_string_lossy().into_owned(),
            BRIEF.to_string(),
        ];
        let (code, _) = run_reader(&reader, Path::new(ROOT));
        assert_eq!(code, 0, "the reader under strace");
        assert_no_network_calls(&log, "strace brief (the reader)");
        let _ = std::fs::remove_dir_all(&log_dir);
    }
}

/// Every network system call in an `strace -e trace=network` log: only
/// `socketpair(AF_UNIX, …)` (signal-hook's wake-up pipe) and reads and
/// writes on the descriptors it made are allowed; any `socket`, `connect`,
/// `bind`, `sendto`… fails the test.
fn assert_no_network_calls(log: &Path, context: &str) {
    let trace = std::fs::read_to_string(log).expect("read the strace log");
    // `PID  call(args…) = result`, or a call split in two by another
    // thread: `PID  call(args <unfinished ...>` and later
    // `PID  <... call resumed>rest) = result`.
    let call_of = |line: &str| -> Option<(String, String)> {
        let rest = line.split_once(char::is_whitespace)?.1.trim_start();
        if let Some(resumed) = rest.strip_prefix("<... ") {
            let (name, args) = resumed.split_once(" resumed>")?;
            return Some((name.to_string(), args.to_string()));
        }
        let (name, args) = rest.split_once('(')?;
        Some((name.to_string(), args.to_string()))
    };
    let mut pair_fds = Vec::new();
    let mut calls = Vec::new();
    for line in trace.lines() {
        if line.contains("+++ exited") || line.contains("+++ killed") || line.contains("--- SIG") {
            continue;
        }
        let Some((name, args)) = call_of(line) else {
            calls.push(line);
            continue;
        };
        if name == "socketpair" {
            if args.contains("AF_UNIX") || line.contains("resumed>") {
                // The descriptors made: the last `[a, b]` on the line.
                if let Some(fds) = args
                    .rsplit_once('[')
                    .and_then(|(_, fds)| fds.split_once(']'))
                {
                    pair_fds.extend(
                        fds.0
                            .split(", ")
                            .filter_map(|fd| fd.trim().parse::<u32>().ok()),
                    );
                }
                continue;
            }
        } else if line.contains("resumed>") {
            // The first half was judged already.
            continue;
        } else {
            let fd = args
                .split([',', ')', ' '])
                .next()
                .and_then(|fd| fd.parse::<u32>().ok());
            if fd.is_some_and(|fd| pair_fds.contains(&fd))
                && matches!(
                    name.as_str(),
                    "recvfrom"
                        | "recvmsg"
                        | "sendto"
                        | "sendmsg"
                        | "shutdown"
                        | "getsockopt"
                        | "setsockopt"
                )
            {
                continue;
            }
        }
        calls.push(line);
    }
    assert!(
        calls.is_empty(),
        "{context}: network system calls:\n{}",
        calls.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The checks catch what they claim to.
// ---------------------------------------------------------------------------

#[test]
fn the_strace_check_catches_network_calls() {
    let dir = scratch_dir("strace-self-test");
    let log = dir.join("trace.log");
    let clean = "\
10  socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC, 0, [3, 4]) = 0
10  socketpair(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0,  <unfinished ...>
11  recvfrom(3, 0x7f00, 1024, MSG_DONTWAIT, NULL, NULL) = -1 EAGAIN (Resource temporarily unavailable)
10  <... socketpair resumed>[6, 7])   = 0
11  sendto(7, \"\\1\", 1, MSG_DONTWAIT, NULL, 0) = 1
11  recvfrom(3,  <unfinished ...>
11  <... recvfrom resumed> <unfinished ...>) = ?
10  +++ exited with 0 +++
";
    std::fs::write(&log, clean).expect("write a log");
    assert_no_network_calls(&log, "a clean log");
    for bad in [
        "12  socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 5",
        "12  socket(AF_INET6, SOCK_DGRAM|SOCK_CLOEXEC, IPPROTO_IP) = 5",
        "12  socket(AF_UNIX, SOCK_STREAM|SOCK_CLOEXEC|SOCK_NONBLOCK, 0) = 5",
        "12  connect(5, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr(\"10.0.0.1\")}, 16) = -1 ENETUNREACH (Network is unreachable)",
        "12  sendto(5, \"x\", 1, 0, NULL, 0) = 1",
        "12  bind(5, {sa_family=AF_INET, sin_port=htons(0)}, 16) = 0",
    ] {
        std::fs::write(&log, format!("{clean}{bad}\n")).expect("write a log");
        let caught = std::panic::catch_unwind(|| assert_no_network_calls(&log, "planted"));
        assert!(caught.is_err(), "not caught: {bad}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
