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
    let port = free_port();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\nAuthorizedKeysFile {d}/authorized_keys\n\
         PasswordAuthentication no\nKbdInteractiveAuthentication no\nPubkeyAuthentication yes\n\
         PermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nPidFile {d}/sshd.pid\n",
        d = dir.display()
    );
    std::fs::write(dir.join("sshd_config"), config).unwrap();
    let _server = Server {
        child: Command::new(&sshd)
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
    let user = std::env::var("USER")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "root".into());
    let remote = format!(
        "env LANG=C.UTF-8 TERM=xterm-256color ARGWALK_STATE_DIR={} {}",
        dir.join("state").display(),
        exe.display()
    );
    let port_arg = port.to_string();
    let key = dir.join("user_key");
    let target = format!("{user}@127.0.0.1");
    let args = [
        "-tt",
        "-p",
        &port_arg,
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
        &target,
        &remote,
    ];
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
