//! End-to-end over a real SSH link: a throwaway sshd on 127.0.0.1 (its own host key, a user key,
//! no passwords), argwalk opened with `ssh -tt`, keys pressed, then the ssh client killed. The
//! argwalk process on the server side must be gone within a second.
//!
//! Ignored by a plain `cargo test`, visibly: it needs an sshd. `.ci/run` installs openssh-server
//! and runs it with `cargo test --test ssh -- --ignored`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::pty::{Pty, Session};

const LONG: Duration = Duration::from_secs(15);

struct Server {
    child: Child,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn keygen(path: &Path) {
    let status = Command::new("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(path)
        .status()
        .expect("ssh-keygen");
    assert!(status.success());
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Processes running the given executable.
fn running(exe: &Path) -> Vec<u32> {
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        if std::fs::read_link(entry.path().join("exe")).is_ok_and(|p| p == exe) {
            pids.push(pid);
        }
    }
    pids
}

/// The ssh client's arguments: a terminal, the throwaway server on 127.0.0.1 at `port` as this
/// user with `key`, no host checks or prompts, and `remote` to run there.
fn ssh_args(port: u16, key: &Path, remote: &str) -> Vec<String> {
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "root".into());
    [
        "-tt",
        "-p",
        &port.to_string(),
        "-i",
        key.to_str().unwrap(),
        "-o",
        "StrictHostKeyChecking=no",
        "-o",
        "UserKnownHostsFile=/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "LogLevel=ERROR",
        &format!("{user}@127.0.0.1"),
        remote,
    ]
    .map(str::to_string)
    .to_vec()
}

/// `member` connected over ssh to the server on `port` (their key in `dir`), asking for a shell
/// command that the forced command replaces; once `first` is on their screen.
fn ssh_as(dir: &Path, port: u16, member: &str, first: &str) -> Pty {
    let args = ssh_args(port, &dir.join(member), "touch /tmp/argwalk-pwned");
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let p = Pty::spawn(
        Path::new("/usr/bin/ssh"),
        &args,
        &[("HOME", dir.to_str().unwrap())],
        100,
        30,
        Session::Detached,
    );
    assert!(
        p.wait_for(LONG, |s| s.contains(first)),
        "{member}: not on screen over ssh:\n{}\n{}",
        p.screen(),
        std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
    );
    p
}

/// Starts a throwaway sshd on 127.0.0.1 for `dir` (its host key and authorized_keys there).
fn start_sshd(sshd: &Path, dir: &Path) -> (Server, u16) {
    let port = free_port();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\n\
         PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
         PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nPidFile {d}/sshd.pid\n",
        d = dir.display()
    );
    std::fs::write(dir.join("sshd_config"), config).unwrap();
    let _server = Server {
        child: Command::new(sshd)
            .arg("-D")
            .arg("-e")
            .arg("-f")
            .arg(dir.join("sshd_config"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(dir.join("sshd.log")).unwrap())
            .spawn()
            .expect("start sshd"),
    };
    let start = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < LONG,
            "sshd did not listen: {}",
            std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    (_server, port)
}

#[test]
#[ignore = "needs openssh-server; run with `cargo test --test ssh -- --ignored` (CI does)"]
fn killing_the_ssh_client_leaves_no_argwalk_behind() {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    let sshd = sshd.expect("sshd is not installed (apt-get install openssh-server)");
    let dir = std::env::temp_dir().join(format!("argwalk-ssh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::create_dir_all("/run/sshd").ok();
    keygen(&dir.join("host_key"));
    keygen(&dir.join("user_key"));
    std::fs::copy(dir.join("user_key.pub"), dir.join("authorized_keys")).unwrap();
    // A copy of the binary under a name of its own, so its server-side process can be found.
    let exe = dir.join("argwalk-under-ssh");
    std::fs::copy(env!("CARGO_BIN_EXE_argwalk"), &exe).unwrap();
    let (_server, port) = start_sshd(&sshd, &dir);
    let remote = format!(
        "env LANG=C.UTF-8 TERM=xterm-256color ARGWALK_STATE_DIR={} {}",
        dir.join("state").display(),
        exe.display()
    );
    let args = ssh_args(port, &dir.join("user_key"), &remote);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let ssh = Path::new("/usr/bin/ssh");
    let home = dir.to_str().unwrap();
    let mut client = Pty::spawn(ssh, &args, &[("HOME", home)], 80, 24, Session::Detached);
    assert!(
        client.wait_for(LONG, |s| s.contains("step 1/37")),
        "no first frame over ssh:\n{}\nsshd log:\n{}",
        client.screen(),
        std::fs::read_to_string(dir.join("sshd.log")).unwrap_or_default()
    );
    assert_eq!(running(&exe).len(), 1, "argwalk runs on the server side");
    client.press_and_see(b"n", &["step 2/37", "O1"], LONG);
    client.press_and_see(b"?", &["argwalk: every key"], LONG);
    client.send(b"q");

    // Issue 15.16: a member's client says its terminal is huge; the server's memory stays
    // bounded (the drawn area is capped at 1000x500). The harness's own screen is not parsed
    // at these sizes, only the server's peak memory read.
    let server = running(&exe)[0];
    let peak = || {
        std::fs::read_to_string(format!("/proc/{server}/status"))
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let before = peak();
    for (w, h) in [(4000, 4000), (65535, 65535)] {
        client.resize(w, h);
        // Wait for the server to have drawn the frame at that size: its output stops growing.
        let mut last = client.len();
        loop {
            std::thread::sleep(Duration::from_millis(500));
            if client.len() == last {
                break;
            }
            last = client.len();
        }
        eprintln!(
            "ssh client at {w}x{h}: server-side argwalk peak memory {} kB (was {before} kB at 80x24)",
            peak()
        );
        assert!(peak() < 250_000, "{w}x{h}: {} kB", peak());
    }
    client.resize(80, 24);
    client.press_and_see(b"n", &["step 3/37"], LONG);

    // The link drops: the client dies without a word to the server.
    let _ = client.child.kill();
    let cut = Instant::now();
    while !running(&exe).is_empty() && cut.elapsed() < LONG {
        std::thread::sleep(Duration::from_millis(5));
    }
    let gone_after = cut.elapsed();
    assert!(
        running(&exe).is_empty(),
        "argwalk still running on the server after {gone_after:?}"
    );
    assert!(
        gone_after < Duration::from_secs(1),
        "argwalk took {gone_after:?} to go"
    );
    eprintln!("server-side argwalk gone {gone_after:?} after the ssh client was killed");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The processes whose parent is `pid`.
fn children(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(child) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let stat = std::fs::read_to_string(entry.path().join("stat")).unwrap_or_default();
        // The parent is the fourth field, after the name in parentheses.
        let ppid = stat
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if ppid == Some(pid) {
            out.push(child);
        }
    }
    out
}

/// A debate team on one server: each member's key runs argwalk as a forced command in a
/// restricted library session of their own. Two members see their own notes only; no key
/// starts a process or escapes the library (the editor key, a map's text file pointing out of
/// the library, a hostile file name); a dropped link leaves no argwalk behind and the last note
/// saved.
#[test]
#[ignore = "needs openssh-server; run with `cargo test --test ssh -- --ignored` (CI does)"]
fn a_team_shares_a_library_and_keeps_its_notes_apart() {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("sshd is not installed (apt-get install openssh-server)");
    let dir = std::env::temp_dir().join(format!("argwalk-team-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("library")).unwrap();
    std::fs::create_dir_all("/run/sshd").ok();
    let lib = dir.join("library");
    std::fs::write(
        lib.join("astana.toml"),
        argwalk::map::loader::BUILTIN_MAP.replace("astana-talks.txt", "astana.txt"),
    )
    .unwrap();
    std::fs::write(lib.join("astana.txt"), argwalk::map::loader::BUILTIN_TEXT).unwrap();
    std::fs::write(lib.join("escape.toml"), "[source]\ntitle = \"x\"\ntext_file = \"../secret.txt\"\n[thesis]\nid = \"T\"\ntext = \"t\"\ncite = [1]\n").unwrap();
    std::fs::write(dir.join("secret.txt"), "SECRET OUTSIDE THE LIBRARY\n").unwrap();
    std::fs::write(
        lib.join("name\u{1b}]0;PWNED\u{7}.toml"),
        argwalk::map::loader::BUILTIN_MAP,
    )
    .unwrap();
    let exe = dir.join("argwalk-team");
    std::fs::copy(env!("CARGO_BIN_EXE_argwalk"), &exe).unwrap();
    keygen(&dir.join("host_key"));
    // The members' lines exactly as docs/TEAM.md writes them, with this test's folders for
    // /srv/debate and its keys; and EDITOR=/bin/sh, which a restricted session must not run.
    let team =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/TEAM.md")).unwrap();
    let mut authorized = String::new();
    std::fs::create_dir_all(dir.join("class")).unwrap();
    for member in ["alice", "bob", "carol", "coach"] {
        keygen(&dir.join(member));
        let key = std::fs::read_to_string(dir.join(format!("{member}.pub"))).unwrap();
        let documented = team
            .lines()
            .map(str::trim)
            .find(|l| {
                l.starts_with("restrict,pty,command=")
                    && (l.contains(&format!("--user {member}\""))
                        || l.contains(&format!("--user {member} ")))
            })
            .unwrap_or_else(|| panic!("docs/TEAM.md has no line for {member}"));
        let (options, _) = documented.rsplit_once("\" ").unwrap();
        let line = options
            .replace(
                "/srv/debate/state",
                &dir.join("state").display().to_string(),
            )
            .replace("/srv/debate/maps", &lib.display().to_string())
            .replace(
                "/srv/debate/class",
                &dir.join("class").display().to_string(),
            )
            .replace("/usr/local/bin/argwalk", &exe.display().to_string())
            .replace("command=\"env ", "command=\"env EDITOR=/bin/sh ");
        authorized.push_str(&format!("{line}\" {key}"));
    }
    std::fs::write(dir.join("authorized_keys"), authorized).unwrap();
    let (_server, port) = start_sshd(&sshd, &dir);
    let connect_to = |member: &str, first: &str| ssh_as(&dir, port, member, first);
    let connect = |member: &str| connect_to(member, "Library: 3 maps");
    // Alice writes a note on O1, and leaves.
    let mut alice = connect("alice");
    let screen = alice.screen();
    assert!(
        screen.contains("name␛]0;PWNED␇.toml"),
        "the hostile name is shown made visible:\n{screen}"
    );
    assert!(
        !String::from_utf8_lossy(&alice.bytes()).contains("\u{1b}]0;PWNED"),
        "no OSC reached the terminal"
    );
    alice.press_and_see(b"\r", &["step 1/37"], LONG);
    alice.send(b"n");
    alice.send(b"aAlice's line on O1\x1b");
    alice.see(&["Note on O1 saved"], LONG);
    alice.press_and_see(b"q", &["Library: 3 maps"], LONG);
    alice.send(b"q");
    alice.wait(LONG).expect("alice's session ends");
    // Bob sees his own notes only, and nothing he presses starts a process or leaves the library.
    let mut bob = connect("bob");
    let server = running(&exe);
    assert_eq!(server.len(), 1);
    bob.press_and_see(b"jj\r", &["cannot be opened"], LONG);
    bob.press_and_see(b"gg\r", &["step 1/37"], LONG);
    bob.send(b"n");
    assert!(bob.wait_for(LONG, |s| s.contains("step 2/37")));
    assert!(
        !bob.screen().contains("Alice's line"),
        "bob sees alice's note:\n{}",
        bob.screen()
    );
    bob.press_and_see(b"e", &["Editing is off"], LONG);
    bob.send(b"aBob's own line\x1b");
    assert!(bob.wait_for(LONG, |s| s.contains("Note on O1 saved")));
    // The prep sheet, which a restricted member may not write to a file, is read in the reader.
    bob.press_and_see(b"P", &["Prep sheet (j/k", "# Prep sheet:"], LONG);
    bob.send(b"\x1b");
    assert!(
        children(server[0]).is_empty(),
        "the restricted session started a process"
    );
    assert!(
        !Path::new("/tmp/argwalk-pwned").exists(),
        "the member's command ran"
    );
    // Carol, who reads with a screen reader, has the line mode (`read`) in her forced command:
    // the same library, her own notes, Up to recall a command, restricted all the same.
    let mut carol = connect_to("carol", "A library of argument maps.");
    carol.see(&["name␛]0;PWNED␇.toml"], LONG);
    carol.press_and_see(b"open 1\r", &["Step 1 of 37."], LONG);
    carol.press_and_see(b"n\r", &["Step 2 of 37."], LONG);
    carol.press_and_see(b"\x1b[A\r", &["Step 3 of 37."], LONG);
    carol.press_and_see(b"a Carol's line\r", &["Note saved."], LONG);
    carol.press_and_see(b"open /etc/passwd\r", &["Say which map"], LONG);
    assert!(
        !String::from_utf8_lossy(&carol.bytes()).contains("\u{1b}]0;PWNED"),
        "no OSC reached carol's terminal"
    );
    carol.send(b"q\r");
    carol.wait(LONG).expect("carol's session ends");
    // The link drops mid-session: argwalk goes, and bob's note is on disk.
    let _ = bob.child.kill();
    let cut = Instant::now();
    while !running(&exe).is_empty() && cut.elapsed() < LONG {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert!(
        running(&exe).is_empty(),
        "argwalk left behind after the link dropped"
    );
    let layer = |member: &str| -> String {
        let dir = dir.join("state").join("users").join(member).join("layers");
        std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .collect()
    };
    let (a, b, c) = (layer("alice"), layer("bob"), layer("carol"));
    assert!(
        c.contains("Carol's line") && !c.contains("Alice's") && !c.contains("Bob's"),
        "{c}"
    );
    assert!(
        a.contains("Alice's line on O1") && !a.contains("Bob's"),
        "{a}"
    );
    assert!(
        b.contains("Bob's own line") && !b.contains("Alice's"),
        "{b}"
    );
    // A class (issue 18.8): alice hands in her map of the Astana article, without E7a.
    let own = dir.join("class").join("alice");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("astana.txt"), argwalk::map::loader::BUILTIN_TEXT).unwrap();
    let map = argwalk::map::loader::BUILTIN_MAP.replace("astana-talks.txt", "astana.txt");
    let start = map.find("[[evidence]]\nid = \"E7a\"").unwrap();
    let end = start + map[start..].find("\n[[counterpoint]]").unwrap();
    let without = format!("{}{}", &map[..start], &map[end + 1..]);
    assert!(!without.contains("E7a"));
    std::fs::write(own.join("mine.toml"), &without).unwrap();
    // The coach's class list: alice's map, scored against the library's astana.toml.
    let mut coach = connect_to("coach", "Library: 3 maps");
    coach.press_and_see(
        b"c",
        &["Class: 1 member ", "alice", "mine.toml", "% overall"],
        LONG,
    );
    coach.press_and_see(b"\r", &["step 1/"], LONG);
    coach.press_and_see(b"D", &["Against the reference:", "Not mapped"], LONG);
    coach.send(b"\x1b");
    // Esc and q apart: together they read as Alt-q.
    assert!(coach.wait_for(LONG, |s| !s.contains("Differences 1/")));
    coach.press_and_see(b"q", &["Class: 1 member "], LONG);
    coach.send(b"q");
    coach.wait(LONG).expect("the coach's session ends");
    // Alice sees her map first; bob never sees it.
    let mut alice = connect_to("alice", "Library: 4 maps");
    alice.see(&["yours/mine.toml"], LONG);
    alice.send(b"q");
    alice.wait(LONG).expect("alice's session ends");
    let mut bob = connect("bob");
    assert!(!bob.screen().contains("mine.toml"), "{}", bob.screen());
    bob.press_and_see(b"c", &["the teacher's"], LONG);
    bob.send(b"q");
    bob.wait(LONG).expect("bob's session ends");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 26.6: a judge presents a flow over SSH, two members follow it live (one full screen,
/// one line by line), read-only; each side a restricted forced command as docs/TEAM.md gives.
#[test]
#[ignore = "needs openssh-server; run with `cargo test --test ssh -- --ignored` (CI does)"]
fn a_judge_presents_a_flow_to_two_followers() {
    let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
        .into_iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
        .expect("sshd is not installed (apt-get install openssh-server)");
    let dir = std::env::temp_dir().join(format!("argwalk-flow-ssh-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let lib = dir.join("library");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::create_dir_all("/run/sshd").ok();
    support::library::dissent(&lib);
    let exe = dir.join("argwalk-flow");
    std::fs::copy(env!("CARGO_BIN_EXE_argwalk"), &exe).unwrap();
    keygen(&dir.join("host_key"));
    let state = dir.join("state");
    let mut authorized = String::new();
    for (member, args) in [
        (
            "judge",
            "--user judge --present finals flow dissent.motion.toml",
        ),
        ("bob", "--user bob --follow finals flow"),
        ("carol", "--user carol --follow finals flow --lines"),
    ] {
        keygen(&dir.join(member));
        let key = std::fs::read_to_string(dir.join(format!("{member}.pub"))).unwrap();
        authorized.push_str(&format!(
            "restrict,pty,command=\"env LANG=C.UTF-8 ARGWALK_STATE_DIR={} {} --restricted --library {} {args}\" {key}",
            state.display(),
            exe.display(),
            lib.display()
        ));
    }
    std::fs::write(dir.join("authorized_keys"), authorized).unwrap();
    let (_server, port) = start_sshd(&sshd, &dir);
    let connect = |member: &str, first: &str| ssh_as(&dir, port, member, first);
    // The judge flows a round of the library's motion, their own, presented to the room.
    let mut judge = connect("judge", "P1 Proposition NOW");
    judge.press_and_see(b"aSilence robs\r", &["1: Silence robs"], LONG);
    // Two followers: each sees what is flowed as it is flowed, and may not change it.
    let mut bob = connect("bob", "1: Silence robs");
    bob.see(&["Following judge", "read-only"], LONG);
    let mut carol = connect("carol", "Argument 1 of the P1 (#1): Silence robs");
    judge.press_and_see(b"nkrMajority rules\r", &["2: Majority rules"], LONG);
    bob.see(&["2: Majority rules"], LONG);
    carol.press_and_see(
        b"read 1\r",
        &["answered in the O1 by argument 1 of the O1 (#2): Majority rules"],
        LONG,
    );
    bob.press_and_see(b"aMine\r", &["This flow is read-only here"], LONG);
    carol.press_and_see(b"add Mine\r", &["This flow is read-only here"], LONG);
    // The judge goes to the next speech: the drop is said to the follower who asks.
    judge.press_and_see(b"n", &["P2 Proposition NOW"], LONG);
    bob.see(&["P2 Proposition NOW"], LONG);
    carol.press_and_see(b"drops\r", &["No drops so far."], LONG);
    // The judge leaves: the followers are told.
    judge.send(b"q");
    judge.wait(LONG).expect("the judge's session ends");
    bob.see(&["judge stopped presenting"], LONG);
    bob.send(b"q");
    bob.wait(LONG).expect("bob's session ends");
    carol.send(b"quit\r");
    carol.wait(LONG).expect("carol's session ends");
    // Nothing a follower did reached the round: the judge's file has the judge's two.
    let rounds = state.join("users").join("judge").join("flows");
    let text: String = std::fs::read_dir(&rounds)
        .unwrap()
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    assert_eq!(text.matches("[[argument]]").count(), 2, "{text}");
    assert!(!text.contains("Mine"));
    let _ = std::fs::remove_dir_all(&dir);
}
