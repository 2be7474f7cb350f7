//! `argwalk flow FILE --lines`: a round flowed by typed commands, for a blind debater, a
//! braille display or a script. Each command is a flow action of the key table (its one-key
//! form is the key the flow sheet binds to it), changes go through the same store (saved as
//! they are made), and the flow is said in the core's words: an argument with what became of
//! it, a speech, the drops and the clocks.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use crate::debate::clock::{Timer, now_ms};
use crate::debate::flow::{Done, Mark, Op};
use crate::debate::round_file::Flowed;
use crate::debate::round_store::{Opened, RoundStore};
use crate::debate::{grid, standing, words};
use crate::screen::keymap::{Action, Scope};

use super::verbs::{Table, Verb};

/// A handler of the line flow: the words after the verb; what is said back, or `None` to
/// leave.
type Run = fn(&mut FlowLines, &str) -> Option<String>;

/// Every verb of the line flow, each with its handler, in the order the help lists them.
#[rustfmt::skip]
const VERBS: &[Verb<Run>] = &[
    Verb { action: Some(Action::FlowAdd), name: "add", words: &[], args: " TEXT", does: "a new argument in the current speech, on the sheet you are on", run: FlowLines::add },
    Verb { action: Some(Action::FlowAnswer), name: "answer", words: &["reply"], args: " N TEXT", does: "answer argument N (in the other side's speech)", run: FlowLines::answer },
    Verb { action: Some(Action::FlowExtend), name: "extend", words: &[], args: " N [TEXT]", does: "carry argument N into the current speech", run: FlowLines::extend },
    Verb { action: Some(Action::FlowCrossApply), name: "apply", words: &["cross-apply"], args: " N to M", does: "apply argument N as the answer to argument M", run: FlowLines::apply },
    Verb { action: Some(Action::FlowPull), name: "pull", words: &[], args: " [ID [to N]]", does: "the case's claims and blocks; with an id, pull it (as an answer to N)", run: FlowLines::pull_verb },
    Verb { action: Some(Action::FlowConcede), name: "concede", words: &["conceded"], args: " N", does: "mark argument N conceded (again: not)", run: |f, rest| f.mark(rest, Mark::Conceded, "concede") },
    Verb { action: Some(Action::FlowTurn), name: "turn", words: &["turned"], args: " N", does: "mark answer N a turn (again: not)", run: |f, rest| f.mark(rest, Mark::Turned, "turn") },
    Verb { action: Some(Action::FlowEdit), name: "edit", words: &[], args: " N TEXT", does: "new words for argument N", run: FlowLines::edit },
    Verb { action: Some(Action::FlowRemove), name: "remove", words: &["delete"], args: " N", does: "remove argument N, if nothing answers it", run: FlowLines::remove },
    Verb { action: Some(Action::FlowNextSpeech), name: "next", words: &[], args: "", does: "the next speech begins; what the last one dropped is said", run: |f, _| Some(f.move_speech(true)) },
    Verb { action: Some(Action::FlowPrevSpeech), name: "previous", words: &["back"], args: "", does: "back to the speech before", run: |f, _| Some(f.move_speech(false)) },
    Verb { action: None, name: "speech", words: &["now"], args: " [NAME]", does: "the current speech, or the one named (2NC) or numbered, read", run: |f, rest| Some(f.speech(rest)) },
    Verb { action: None, name: "read", words: &["argument"], args: " N", does: "argument N, with its answers and how it stands", run: FlowLines::read },
    Verb { action: None, name: "flow", words: &["all"], args: "", does: "the whole round, speech by speech", run: FlowLines::whole },
    Verb { action: Some(Action::FlowSheet), name: "sheet", words: &[], args: " [1|2]", does: "the sheet add writes on: the first side's case or the second's", run: FlowLines::sheet_verb },
    Verb { action: Some(Action::FlowDrops), name: "drops", words: &[], args: "", does: "every drop so far, and the drops extended anyway", run: |f, _| Some(words::drops(&f.flowed.round, &f.flowed.motion)) },
    Verb { action: Some(Action::FlowClock), name: "clock", words: &["start", "stop"], args: "", does: "start or stop the current speech's clock", run: |f, _| Some(f.clock(Timer::Speech(0))) },
    Verb { action: Some(Action::FlowPrep), name: "prep", words: &[], args: " [1|2]", does: "start or stop a side's prep clock (alone: the side to speak)", run: FlowLines::prep },
    Verb { action: None, name: "time", words: &["clocks"], args: "", does: "every clock, in words", run: |f, _| Some(f.time()) },
    Verb { action: Some(Action::FlowOpen), name: "open", words: &["source"], args: " N", does: "the source of argument N: its article's paragraph", run: FlowLines::open },
    Verb { action: Some(Action::Help), name: "help", words: &[], args: "", does: "this list", run: |_, _| Some(FLOW.help()) },
    Verb { action: Some(Action::Quit), name: "quit", words: &["exit"], args: "", does: "leave (the flow is saved as it is made)", run: |_, _| None },
];

/// The line flow's verbs: their one-key forms are the flow sheet's keys.
const FLOW: Table<Run> = Table {
    verbs: VERBS,
    scope: Some(Scope::Flow),
    intro: "Commands (in brackets: the key of the flow sheet, which works here too). Arguments are named by their number (#3 is 3):",
};

/// The line flow's state.
pub struct FlowLines {
    flowed: Flowed,
    store: RoundStore,
    /// The sheet `add` writes on.
    sheet: usize,
    /// The clocks' warnings said (false: near the end, true: time up).
    said: Vec<(Timer, bool)>,
    greeting: Option<String>,
}

impl FlowLines {
    pub fn new(opened: Opened) -> Self {
        let Opened {
            flowed,
            store,
            warning,
        } = opened;
        let sheet = flowed.round.opening_sheet(&flowed.motion.format);
        FlowLines {
            flowed,
            store,
            sheet,
            said: Vec::new(),
            greeting: warning,
        }
    }

    /// What is said first: the motion, the round and the speech being given.
    pub fn opening(&mut self) -> String {
        let m = &self.flowed.motion;
        let mut out = format!(
            "{}\n{}: {} against {}. Round {}.\n",
            m.text,
            m.format.name,
            m.sides[0],
            m.sides[1],
            if self.flowed.round.name.is_empty() {
                "unnamed"
            } else {
                &self.flowed.round.name
            }
        );
        if let Some(w) = self.greeting.take() {
            out.push_str(&w);
            out.push('\n');
        }
        if !self.store.writable {
            out.push_str("Read-only: this flow is read, not changed.\n");
        }
        if let Some(d) = &self.flowed.round.draft {
            out.push_str(&format!(
                "An unfinished cell was kept: \"{}\". Flow it with add, answer or extend.\n",
                d.text
            ));
        }
        out.push_str(&words::speech(
            &self.flowed.round,
            m,
            self.flowed.round.speech,
        ));
        out.push_str("\nType help for the commands.\n");
        out
    }

    fn commit(&mut self, op: Op) -> Result<Done, String> {
        let done = self.store.commit(&mut self.flowed, op, now_ms())?;
        if let Some(why) = &self.store.unsaved {
            return Err(why.clone());
        }
        Ok(done)
    }

    /// "Flowed: Argument 2 of the 1NC ...", or why not.
    fn flowed_said(&mut self, op: Op) -> String {
        match self.commit(op) {
            Ok(Done::Arg(id)) => match self.flowed.round.get(id) {
                Some(a) => format!(
                    "Flowed. {}",
                    words::argument(&self.flowed.round, &self.flowed.motion, a)
                ),
                None => "Done.".into(),
            },
            Ok(Done::Nothing) => "Done.".into(),
            Err(why) => format!("{why}."),
        }
    }

    /// Answers one command; `None` to leave.
    pub fn command(&mut self, line: &str) -> Option<String> {
        let line = crate::map::sanitize::clean(line.trim());
        // Another session's save (a presenter's, followed) is read before anything is said.
        let mut before = match self.store.reread(&mut self.flowed) {
            Some(Ok(())) => "The flow changed: read again.\n".to_string(),
            Some(Err(why)) => format!("{why}.\n"),
            None => String::new(),
        };
        if line.is_empty() {
            return Some(before);
        }
        let (word, rest) = line.split_once(' ').unwrap_or((&line, ""));
        let rest = rest.trim();
        let Some(verb) = FLOW.named(word) else {
            return Some(format!("No command {word}: help lists them.\n"));
        };
        let out = self.verb(verb, rest)?;
        before.push_str(&out);
        if !before.ends_with('\n') {
            before.push('\n');
        }
        before.push_str(&self.clock_news());
        Some(before)
    }

    /// A running clock's warning, once as it nears the end and once as it runs out.
    fn clock_news(&mut self) -> String {
        let now = now_ms();
        let round = &self.flowed.round;
        let Some((timer, _)) = round.clock.running else {
            return String::new();
        };
        let r = round.clock.reading(&self.flowed.motion.format, timer, now);
        let over = r.left_ms <= 0;
        if !r.warning() || self.said.contains(&(timer, over)) {
            return String::new();
        }
        self.said.push((timer, false));
        self.said.push((timer, over));
        format!(
            "{}\n",
            words::clock(&self.flowed.motion.format, &self.flowed.motion.sides, &r)
        )
    }

    fn number(word: &str) -> Option<u32> {
        word.trim_start_matches('#').parse().ok()
    }

    /// Runs `verb` (a long name of the table) by the handler its line names.
    fn verb(&mut self, verb: &str, rest: &str) -> Option<String> {
        match FLOW.verbs.iter().find(|v| v.name == verb) {
            Some(v) => (v.run)(self, rest),
            None => Some(format!("{verb}: not in the flow.")),
        }
    }

    /// The argument's number first in `rest` (`3` or `#3`), and the words after it.
    fn numbered(rest: &str) -> (Option<u32>, &str) {
        let (first, tail) = rest
            .split_once(' ')
            .map_or((rest, ""), |(a, b)| (a, b.trim()));
        (Self::number(first), tail)
    }

    fn add(&mut self, rest: &str) -> Option<String> {
        if rest.is_empty() {
            return need("add and the argument's words");
        }
        Some(self.flowed_said(Op::Add {
            sheet: self.sheet,
            text: rest.into(),
            from: None,
        }))
    }

    fn answer(&mut self, rest: &str) -> Option<String> {
        match Self::numbered(rest) {
            (Some(to), tail) if !tail.is_empty() => Some(self.flowed_said(Op::Answer {
                to,
                text: tail.into(),
                from: None,
            })),
            _ => need("answer, the argument's number and your words: answer 3 no link"),
        }
    }

    fn extend(&mut self, rest: &str) -> Option<String> {
        match Self::numbered(rest) {
            (Some(of), tail) => Some(self.flowed_said(Op::Extend {
                of,
                text: tail.into(),
            })),
            (None, _) => need("extend and the argument's number"),
        }
    }

    fn apply(&mut self, rest: &str) -> Option<String> {
        let (n, tail) = Self::numbered(rest);
        let to = tail
            .strip_prefix("to")
            .map(str::trim)
            .and_then(Self::number);
        match (n, to) {
            (Some(what), Some(to)) => Some(self.flowed_said(Op::CrossApply { what, to })),
            _ => need("apply N to M: argument N answers argument M"),
        }
    }

    fn mark(&mut self, rest: &str, mark: Mark, verb: &str) -> Option<String> {
        match Self::numbered(rest).0 {
            Some(id) => Some(self.flowed_said(Op::Mark { id, mark })),
            None => need(&format!("{verb} and the argument's number")),
        }
    }

    fn edit(&mut self, rest: &str) -> Option<String> {
        match Self::numbered(rest) {
            (Some(id), tail) if !tail.is_empty() => Some(self.flowed_said(Op::Edit {
                id,
                text: tail.into(),
            })),
            _ => need("edit, the argument's number and its new words"),
        }
    }

    fn remove(&mut self, rest: &str) -> Option<String> {
        let Some(id) = Self::numbered(rest).0 else {
            return need("remove and the argument's number");
        };
        Some(match self.commit(Op::Remove { id }) {
            Ok(_) => format!("Argument {id} removed."),
            Err(why) => format!("{why}."),
        })
    }

    fn read(&mut self, rest: &str) -> Option<String> {
        Some(match Self::numbered(rest).0 {
            Some(id) => match self.flowed.round.get(id) {
                Some(a) => words::argument(&self.flowed.round, &self.flowed.motion, a),
                None => format!("No argument {id}."),
            },
            None => self.read_in_order(),
        })
    }

    fn whole(&mut self, _: &str) -> Option<String> {
        let speeches = &self.flowed.motion.format.speeches;
        Some(
            (0..speeches.len())
                .filter(|&i| speeches[i].flowed)
                .map(|i| words::speech(&self.flowed.round, &self.flowed.motion, i))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    }

    fn sheet_verb(&mut self, rest: &str) -> Option<String> {
        self.sheet = match Self::numbered(rest).0 {
            Some(s @ 1..=2) => usize::try_from(s - 1).unwrap_or(0),
            _ => 1 - self.sheet.min(1),
        };
        Some(format!(
            "add writes on the {}'s case now.",
            self.flowed.motion.sides[self.sheet]
        ))
    }

    fn prep(&mut self, rest: &str) -> Option<String> {
        let side = match Self::numbered(rest).0 {
            Some(s @ 1..=2) => usize::try_from(s - 1).unwrap_or(0),
            _ => self.speaking_side(),
        };
        Some(self.clock(Timer::Prep(side)))
    }

    /// Starts or stops `timer`, and says every clock.
    fn clock(&mut self, timer: Timer) -> String {
        match self.commit(Op::Clock(timer)) {
            Ok(_) => self.time(),
            Err(why) => format!("{why}."),
        }
    }

    fn open(&mut self, rest: &str) -> Option<String> {
        match Self::numbered(rest).0.and_then(|id| self.flowed.opened(id)) {
            Some((_, lines)) => Some(lines.join("\n")),
            None => need("open and the number of an argument pulled from the case"),
        }
    }

    fn pull_verb(&mut self, rest: &str) -> Option<String> {
        let (first, tail) = rest
            .split_once(' ')
            .map_or((rest, ""), |(a, b)| (a, b.trim()));
        Some(self.pull(first, tail))
    }

    fn speaking_side(&self) -> usize {
        self.flowed
            .motion
            .format
            .speeches
            .get(self.flowed.round.speech)
            .map_or(0, |s| s.side)
    }

    fn move_speech(&mut self, next: bool) -> String {
        let format = &self.flowed.motion.format;
        let to = if next {
            self.flowed.round.next_speech(format)
        } else {
            self.flowed.round.previous_speech(format)
        };
        let Some(to) = to else {
            return "No speech that way.".into();
        };
        let before: Vec<u32> = standing::drops(&self.flowed.round, format)
            .iter()
            .map(|d| d.id)
            .collect();
        if let Err(why) = self.commit(Op::Speech(to)) {
            return format!("{why}.");
        }
        let format = &self.flowed.motion.format;
        if let Some(&sheet) = format.speeches[to].sheets.first()
            && !format.speeches[to].sheets.contains(&self.sheet)
        {
            self.sheet = sheet;
        }
        let mut out = words::speech(&self.flowed.round, &self.flowed.motion, to);
        let new: Vec<String> = standing::drops(&self.flowed.round, format)
            .iter()
            .filter(|d| !before.contains(&d.id))
            .filter_map(|d| self.flowed.round.get(d.id))
            .map(|a| {
                format!(
                    "  {}: {}",
                    self.flowed.round.place(format, a.id),
                    words::text_of(&self.flowed.round, a)
                )
            })
            .collect();
        if !new.is_empty() {
            out.push_str(&format!(
                "\nDropped just now ({}):\n{}",
                new.len(),
                new.join("\n")
            ));
        }
        out
    }

    fn speech(&self, rest: &str) -> String {
        let format = &self.flowed.motion.format;
        let which = if rest.is_empty() {
            Some(self.flowed.round.speech)
        } else if let Ok(n) = rest.parse::<usize>() {
            n.checked_sub(1).filter(|&i| i < format.speeches.len())
        } else {
            format
                .speeches
                .iter()
                .position(|s| s.short.eq_ignore_ascii_case(rest) && s.flowed)
                .or_else(|| {
                    format
                        .speeches
                        .iter()
                        .position(|s| s.name.eq_ignore_ascii_case(rest))
                })
        };
        match which {
            Some(i) => words::speech(&self.flowed.round, &self.flowed.motion, i),
            None => {
                let names: Vec<&str> = format
                    .speeches
                    .iter()
                    .filter(|s| s.flowed)
                    .map(|s| s.short.as_str())
                    .collect();
                format!(
                    "No speech {rest}: the {} has {}.",
                    format.name,
                    names.join(", ")
                )
            }
        }
    }

    /// Every argument on the sheet in the order the flow sheet shows them: row by row.
    fn read_in_order(&self) -> String {
        let format = &self.flowed.motion.format;
        let g = grid::grid(&self.flowed.round, format, self.sheet);
        if g.cells.is_empty() {
            return format!(
                "Nothing flowed on the {}'s case yet.",
                self.flowed.motion.sides[self.sheet]
            );
        }
        let mut out = format!(
            "The {}'s case, argument by argument:",
            self.flowed.motion.sides[self.sheet]
        );
        for c in &g.cells {
            if let Some(a) = self.flowed.round.get(c.id) {
                out.push_str("\n  ");
                out.push_str(&words::argument(&self.flowed.round, &self.flowed.motion, a));
            }
        }
        out
    }

    fn time(&self) -> String {
        let now = now_ms();
        let format = &self.flowed.motion.format;
        let sides = &self.flowed.motion.sides;
        let clock = &self.flowed.round.clock;
        let prep: &[Timer] = if format.prep > 0 {
            &[Timer::Prep(0), Timer::Prep(1)]
        } else {
            &[]
        };
        std::iter::once(&Timer::Speech(self.flowed.round.speech))
            .chain(prep)
            .map(|&t| words::clock(format, sides, &clock.reading(format, t, now)))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn pull(&mut self, id: &str, tail: &str) -> String {
        let side = self.speaking_side();
        let motion = &self.flowed.motion;
        if id.is_empty() {
            let items = motion.pullable(side);
            if items.is_empty() {
                return format!("The {}'s case has nothing to pull.", motion.sides[side]);
            }
            let mut out = format!(
                "The {}'s case (pull ID, or pull ID to N to answer N):",
                motion.sides[side]
            );
            for (key, s) in items {
                out.push_str(&format!("\n  {key}: {}", s.said("¶")));
            }
            return out;
        }
        let to = tail
            .strip_prefix("to")
            .map(str::trim)
            .and_then(Self::number);
        let op = match Op::pull(motion, id, to, self.sheet) {
            Ok(op) => op,
            Err(why) => return format!("{why}: pull alone lists them."),
        };
        self.flowed_said(op)
    }

    /// Reads commands from `input` until `quit` or its end: each command written back before
    /// its answer, as the map's line mode does.
    pub fn run_io(&mut self, input: impl BufRead, mut output: impl Write) -> std::io::Result<()> {
        let opening = self.opening();
        super::transcript::converse(&opening, input, &mut output, |line| self.command(line))?;
        output.flush()
    }
}

/// Standard output (in ASCII when asked). `Stdout`, not its lock: it is taken for each write,
/// so the clocks' thread says its warnings between the answers.
fn out(ascii: bool) -> Box<dyn Write> {
    if ascii {
        Box::new(super::transcript::AsciiOut(std::io::stdout()))
    } else {
        Box::new(std::io::stdout())
    }
}

/// How often the clocks are looked at while the debater types: a warning is said within this.
const CLOCK_LOOK: std::time::Duration = std::time::Duration::from_millis(250);

/// Runs the line flow on standard input and output. At a terminal, a running clock's warnings
/// are said as they come (the last thirty seconds, time up), between the lines typed, not only
/// after the next command.
pub fn run(opened: Opened, ascii: bool) -> ExitCode {
    use std::io::IsTerminal;
    use std::sync::{Arc, Mutex};
    let lines = Arc::new(Mutex::new(FlowLines::new(opened)));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    if std::io::stdin().is_terminal() {
        let (lines, done) = (Arc::clone(&lines), Arc::clone(&done));
        let _ = std::thread::Builder::new()
            .name("clocks".into())
            .spawn(move || {
                while !done.load(std::sync::atomic::Ordering::SeqCst) {
                    std::thread::sleep(CLOCK_LOOK);
                    let news = lines.lock().map(|mut l| l.clock_news()).unwrap_or_default();
                    if !news.is_empty() {
                        let mut say = out(ascii);
                        let _ = say.write_all(format!("\n{news}").as_bytes());
                        let _ = say.flush();
                    }
                }
            });
    }
    let opening = lines.lock().map(|mut l| l.opening()).unwrap_or_default();
    let result =
        super::transcript::converse(&opening, std::io::stdin().lock(), &mut out(ascii), |line| {
            lines.lock().ok().and_then(|mut l| l.command(line))
        });
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    match result {
        Ok(_) => ExitCode::SUCCESS,
        // A closed pipe is the debater leaving: everything was saved as it was made.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(crate::exit::EXIT_IO),
    }
}

/// What to write when a verb lacks its arguments.
fn need(what: &str) -> Option<String> {
    Some(format!("Write {what}."))
}
