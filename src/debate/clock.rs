//! The round's clocks: each speech's time and each side's preparation time. A running clock
//! keeps the wall-clock moment it started, so it runs on across a resize, a reload of the
//! flow, and a new session that opens the same round (a reconnect).

use super::format::Format;

/// A clock of the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Timer {
    /// The time of a speech (an index into the format's speeches).
    Speech(usize),
    /// A side's preparation time (0 the first side, 1 the second).
    Prep(usize),
}

/// How long is left before a warning: the last thirty seconds.
pub const WARNING_MS: u64 = 30_000;

/// Time used so far, in milliseconds, and which clock runs since when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// Time used by each speech.
    pub speech: Vec<u64>,
    /// Preparation time used by each side.
    pub prep: [u64; 2],
    /// The clock running, and when it started (milliseconds since the epoch).
    pub running: Option<(Timer, u64)>,
}

/// What a clock shows: its time left (negative: over), and whether it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub timer: Timer,
    pub left_ms: i64,
    pub running: bool,
}

impl Reading {
    /// Near the end (or past it): the warning shows, and the bell rings as it begins.
    pub fn warning(&self) -> bool {
        self.left_ms <= WARNING_MS as i64
    }

    /// "3:12 left", "0:20 left", "1:05 over".
    pub fn said(&self) -> String {
        let ms = self.left_ms.unsigned_abs();
        // Left: rounded up, so 0:00 shows only when the time is up.
        let secs = if self.left_ms >= 0 {
            ms.div_ceil(1000)
        } else {
            ms / 1000
        };
        let word = if self.left_ms >= 0 { "left" } else { "over" };
        format!("{}:{:02} {word}", secs / 60, secs % 60)
    }
}

impl Clock {
    pub fn new(speeches: usize) -> Self {
        Clock {
            speech: vec![0; speeches],
            prep: [0; 2],
            running: None,
        }
    }

    fn slot(&mut self, timer: Timer) -> Option<&mut u64> {
        match timer {
            Timer::Speech(i) => self.speech.get_mut(i),
            Timer::Prep(side) => self.prep.get_mut(side),
        }
    }

    /// Time used by `timer` at `now`.
    pub fn used(&self, timer: Timer, now: u64) -> u64 {
        let before = match timer {
            Timer::Speech(i) => self.speech.get(i).copied().unwrap_or(0),
            Timer::Prep(side) => self.prep.get(side).copied().unwrap_or(0),
        };
        match self.running {
            Some((t, since)) if t == timer => before + now.saturating_sub(since),
            _ => before,
        }
    }

    /// Stops the running clock, keeping its time.
    pub fn stop(&mut self, now: u64) {
        if let Some((timer, since)) = self.running.take()
            && let Some(slot) = self.slot(timer)
        {
            *slot += now.saturating_sub(since);
        }
    }

    /// Starts `timer` (stopping any other), or stops it if it runs.
    pub fn toggle(&mut self, timer: Timer, now: u64) {
        let was = self.running.map(|(t, _)| t);
        self.stop(now);
        if was != Some(timer) {
            self.running = Some((timer, now));
        }
    }

    /// What `timer` shows at `now`, against its length in `format`.
    pub fn reading(&self, format: &Format, timer: Timer, now: u64) -> Reading {
        let length = match timer {
            Timer::Speech(i) => format.speeches.get(i).map_or(0, |s| s.minutes),
            Timer::Prep(_) => format.prep,
        };
        let length = u64::from(length) * 60_000;
        let used = self.used(timer, now);
        Reading {
            timer,
            left_ms: i64::try_from(length).unwrap_or(i64::MAX)
                - i64::try_from(used).unwrap_or(i64::MAX),
            running: self.running.is_some_and(|(t, _)| t == timer),
        }
    }

    /// The milliseconds until what a running clock shows next changes (the next whole second),
    /// or `None` when none runs: the face sleeps until then, and not at all while idle.
    pub fn next_tick(&self, now: u64) -> Option<u64> {
        let (_, since) = self.running?;
        let into = now.saturating_sub(since) % 1000;
        Some(1000 - into)
    }
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::format::shipped;

    #[test]
    fn a_clock_runs_from_when_it_started_and_one_runs_at_a_time() {
        let f = shipped("policy").unwrap();
        let mut c = Clock::new(f.speeches.len());
        c.toggle(Timer::Speech(0), 1_000);
        // Eight minutes for the 1AC; 7:30 used at 451 s.
        let r = c.reading(&f, Timer::Speech(0), 451_000);
        assert_eq!(r.said(), "0:30 left");
        assert!(r.warning() && r.running);
        assert_eq!(c.reading(&f, Timer::Speech(0), 449_500).said(), "0:32 left");
        assert!(!c.reading(&f, Timer::Speech(0), 400_000).warning());
        // Prep starts: the speech stops, its time kept.
        c.toggle(Timer::Prep(1), 500_000);
        assert_eq!(c.used(Timer::Speech(0), 900_000), 499_000);
        assert_eq!(c.reading(&f, Timer::Speech(0), 900_000).said(), "0:19 over");
        assert_eq!(c.reading(&f, Timer::Prep(1), 560_000).said(), "7:00 left");
        c.toggle(Timer::Prep(1), 560_000);
        assert_eq!(c.running, None);
        assert_eq!(c.next_tick(600_000), None);
        c.toggle(Timer::Prep(0), 1_250);
        assert_eq!(c.next_tick(3_000), Some(250));
    }
}
