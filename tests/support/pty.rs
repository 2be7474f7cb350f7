//! Runs the real argwalk binary in a pseudo-terminal: type keys, read the screen, send signals,
//! and count the bytes it writes. Shared by the end-to-end tests and examples/wire.rs.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::OwnedFd;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
use rustix::termios::{LocalModes, Winsize, tcgetattr, tcsetwinsize};

/// A child process on the slave side of a pty, with the master's output collected.
pub struct Pty {
    pub child: Child,
    master: Option<std::fs::File>,
    output: Arc<Mutex<Vec<u8>>>,
    /// (when, total length) after each chunk read from the master.
    chunks: Arc<Mutex<Vec<(Instant, usize)>>>,
    pub started: Instant,
    width: u16,
    height: u16,
    closing: Arc<std::sync::atomic::AtomicBool>,
    /// While set, nothing is read from the master: the terminal has stopped reading.
    paused: Arc<std::sync::atomic::AtomicBool>,
}

/// How the child is attached to its terminal.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Session {
    /// A new session with the pty as controlling terminal: closing the master sends SIGHUP.
    Controlling,
    /// The pty only as standard streams: closing the master sends no signal at all.
    Detached,
}

impl Pty {
    /// Starts `bin` on a new pty of `width` x `height`, with a clean environment.
    pub fn spawn(
        bin: &Path,
        args: &[&str],
        envs: &[(&str, &str)],
        width: u16,
        height: u16,
        session: Session,
    ) -> Self {
        let master =
            openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC).expect("openpt");
        grantpt(&master).expect("grantpt");
        unlockpt(&master).expect("unlockpt");
        let name = ptsname(&master, Vec::new()).expect("ptsname");
        let size = Winsize {
            ws_row: height,
            ws_col: width,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        tcsetwinsize(&master, size).expect("set size");
        let slave: OwnedFd = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(name.to_str().expect("pty name"))
            .expect("open slave")
            .into();
        // A session leader with the pty as controlling terminal, through util-linux's setsid
        // rather than code of our own between fork and exec (which would need `unsafe`).
        reset_inherited_signals();
        let mut cmd = match session {
            Session::Controlling => {
                let mut c = Command::new("setsid");
                c.arg("--ctty").arg(bin);
                c
            }
            Session::Detached => Command::new(bin),
        };
        let home = std::env::temp_dir().join(format!("argwalk-test-home-{}", std::process::id()));
        cmd.args(args)
            .env_clear()
            // Never the developer's own configuration or state.
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            // The reader's notes go to a folder of the test's, never the user's own.
            .env(
                "ARGWALK_STATE_DIR",
                // One of its own per session, unless the test names one: sessions of one map
                // would otherwise share notes (and where the reader left off) across tests.
                std::env::temp_dir().join(format!(
                    "argwalk-test-state-{}-{}",
                    std::process::id(),
                    SESSIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                )),
            )
            .stdin(Stdio::from(slave.try_clone().expect("dup")))
            .stdout(Stdio::from(slave.try_clone().expect("dup")))
            .stderr(Stdio::from(slave));
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let child = cmd.spawn().expect("spawn argwalk");
        let master = std::fs::File::from(master);
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = master.try_clone().expect("dup master");
        let sink = Arc::clone(&output);
        let chunks = Arc::new(Mutex::new(Vec::new()));
        let stamps = Arc::clone(&chunks);
        let closing = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stop = Arc::clone(&closing);
        let paused = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let hold = Arc::clone(&paused);
        std::thread::spawn(move || {
            use rustix::event::{PollFd, PollFlags, poll};
            use rustix::time::Timespec;
            let mut buf = [0u8; 65536];
            // Polls with a timeout so that close_master() can make this thread drop its copy
            // of the master: the pty only hangs up once every master descriptor is closed.
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                if hold.load(std::sync::atomic::Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                }
                let mut fds = [PollFd::new(&reader, PollFlags::IN)];
                let tick = Timespec {
                    tv_sec: 0,
                    tv_nsec: 10_000_000,
                };
                if poll(&mut fds, Some(&tick)).unwrap_or(0) == 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut out = sink.lock().unwrap();
                        out.extend_from_slice(&buf[..n]);
                        stamps.lock().unwrap().push((Instant::now(), out.len()));
                    }
                }
            }
        });
        Self {
            child,
            master: Some(master),
            output,
            chunks,
            started,
            width,
            height,
            closing,
            paused,
        }
    }

    /// Stops (or resumes) reading what the child writes, as a frozen link or a paused pane does:
    /// once the pty's buffer is full, the child's writes block.
    pub fn pause_reading(&self, paused: bool) {
        self.paused
            .store(paused, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn pid(&self) -> rustix::process::Pid {
        rustix::process::Pid::from_child(&self.child)
    }

    /// Everything the child wrote so far.
    pub fn bytes(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// When the output first reached `len` bytes, measured from the spawn.
    pub fn time_at(&self, len: usize) -> Option<Duration> {
        let chunks = self.chunks.lock().unwrap();
        chunks
            .iter()
            .find(|(_, l)| *l >= len)
            .map(|(t, _)| t.duration_since(self.started))
    }

    pub fn len(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    pub fn send(&mut self, keys: &[u8]) {
        if let Some(m) = self.master.as_mut() {
            m.write_all(keys).expect("write keys");
        }
    }

    /// Waits until the output stops growing for `quiet`, or `max` passes; returns the length.
    pub fn settle(&self, quiet: Duration, max: Duration) -> usize {
        let start = Instant::now();
        let mut last = self.len();
        let mut since = Instant::now();
        while start.elapsed() < max {
            std::thread::sleep(Duration::from_millis(5));
            let now = self.len();
            if now != last {
                last = now;
                since = Instant::now();
            } else if since.elapsed() >= quiet {
                break;
            }
        }
        last
    }

    /// Waits until `pred` holds for the screen, or `max` passes.
    pub fn wait_for(&self, max: Duration, pred: impl Fn(&str) -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < max {
            if pred(&self.screen()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// Types `keys`, then waits up to `max` for the screen to show `wanted`; panics with the
    /// screen if it never does.
    #[track_caller]
    pub fn press_and_see(&mut self, keys: &[u8], wanted: &[&str], max: Duration) {
        self.send(keys);
        self.see(wanted, max);
    }

    /// Waits up to `max` for the screen to show all of `wanted`; panics with the screen if it
    /// never does.
    #[track_caller]
    pub fn see(&self, wanted: &[&str], max: Duration) {
        let seen = self.wait_for(max, |s| wanted.iter().all(|w| s.contains(w)));
        assert!(seen, "wanted {wanted:?} on screen:\n{}", self.screen());
    }

    /// The screen as a terminal would show it after all output so far.
    pub fn screen(&self) -> String {
        self.terminal().screen().contents()
    }

    /// A terminal that has taken in all output so far, to read cells and their styles.
    pub fn terminal(&self) -> vt100::Parser {
        let mut parser = vt100::Parser::new(self.height, self.width, 0);
        parser.process(&self.bytes());
        parser
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        if let Some(m) = self.master.as_ref() {
            let size = Winsize {
                ws_row: height,
                ws_col: width,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            tcsetwinsize(m, size).expect("resize");
            self.width = width;
            self.height = height;
            let _ = rustix::process::kill_process(self.pid(), rustix::process::Signal::WINCH);
        }
    }

    pub fn signal(&self, sig: rustix::process::Signal) {
        let _ = rustix::process::kill_process(self.pid(), sig);
    }

    /// True when the terminal is back in cooked mode with echo (raw mode left).
    pub fn cooked(&self) -> bool {
        let Some(m) = self.master.as_ref() else {
            return false;
        };
        let t = tcgetattr(m).expect("tcgetattr");
        t.local_modes
            .contains(LocalModes::ICANON | LocalModes::ECHO)
    }

    /// Closes the master side: the terminal goes away, as when an SSH link drops.
    pub fn close_master(&mut self) {
        self.master = None;
        self.closing
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Waits for the child to exit; `None` if it is still running after `max`.
    pub fn wait(&mut self, max: Duration) -> Option<(ExitStatus, Duration)> {
        let start = Instant::now();
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some((status, start.elapsed()));
            }
            if start.elapsed() > max {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Where each of the child's threads is, for a test that waited in vain: names, states
    /// and the kernel function each sleeps in.
    pub fn threads(&self) -> String {
        let pid = self.child.id();
        let mut out = String::new();
        for task in std::fs::read_dir(format!("/proc/{pid}/task"))
            .into_iter()
            .flatten()
            .flatten()
        {
            let p = task.path();
            let read = |f: &str| std::fs::read_to_string(p.join(f)).unwrap_or_default();
            let stat = read("stat");
            let state = stat.rsplit_once(')').map_or("", |(_, r)| r).trim();
            let state = state.split_whitespace().next().unwrap_or("");
            let masks: Vec<String> = read("status")
                .lines()
                .filter(|l| l.starts_with("SigBlk") || l.starts_with("SigPnd"))
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            out.push_str(&format!(
                "{} {} {} wchan={} {}\n",
                task.file_name().to_string_lossy(),
                read("comm").trim(),
                state,
                read("wchan"),
                masks.join(" ")
            ));
        }
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        for l in status.lines().filter(|l| {
            ["ShdPnd", "SigIgn", "SigCgt"]
                .iter()
                .any(|k| l.starts_with(k))
        }) {
            out.push_str(l);
            out.push('\n');
        }
        out
    }

    /// CPU time (user + system, in clock ticks) the child has used so far.
    pub fn cpu_ticks(&self) -> u64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
        let fields: Vec<&str> = after.split_whitespace().collect();
        let field = |i: usize| {
            fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0)
        };
        // utime and stime are fields 14 and 15 of /proc/PID/stat; 12 and 13 after the name.
        field(11) + field(12)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The byte sequences of leaving the alternate screen and showing the cursor, after entering.
pub fn restored(bytes: &[u8]) -> bool {
    let find = |needle: &[u8]| bytes.windows(needle.len()).rposition(|w| w == needle);
    let entered = find(b"\x1b[?1049h");
    let left = find(b"\x1b[?1049l");
    let shown = find(b"\x1b[?25h");
    matches!((entered, left, shown), (Some(e), Some(l), Some(s)) if l > e && s > e)
}

/// Sessions started by this test process, for their state folders' names.
static SESSIONS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Signal dispositions are inherited through exec when they are "ignore": a test run as a
/// background job (`cargo test &`) ignores SIGINT and SIGQUIT, so argwalk did too until its
/// own handlers were in place, and a signal in those first microseconds was lost; the start-up
/// test then waited for an exit that never came (reproduced with `trap '' INT`). A handler,
/// unlike "ignore", is reset to the default by exec: this one does what the default would
/// (so Ctrl-C still ends the tests), and the children start with the default.
fn reset_inherited_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        let always = Arc::new(std::sync::atomic::AtomicBool::new(true));
        for sig in [SIGHUP, SIGINT, SIGQUIT, SIGTERM] {
            let _ = signal_hook::flag::register_conditional_default(sig, Arc::clone(&always));
        }
    });
}

/// A coach presenting the room `finals` from the line mode (`--user coach --present finals
/// read`), with the state folder `state`, moved to P2: what follow tests follow.
pub fn coach_at_p2(bin: &Path, state: &Path) -> Pty {
    let mut p = Pty::spawn(
        bin,
        &["--user", "coach", "--present", "finals", "read"],
        &[("ARGWALK_STATE_DIR", state.to_str().unwrap_or_default())],
        100,
        40,
        Session::Detached,
    );
    p.see(&["Step 1 of 37."], Duration::from_secs(10));
    p.press_and_see(b"go P2\r", &["Premise P2:"], Duration::from_secs(10));
    p
}
