//! The flow in words: an argument with what became of it ("Argument 3 of the 1AC: … answered
//! in the 1NC by …; dropped in the 2NC"), a speech, the drops and the clocks. The line mode
//! says these, and the exports print them, so both say a round the same way.

use super::clock::{Reading, Timer};
use super::flow::{Arg, Round};
use super::format::Format;
use super::motion::Motion;
use super::standing::{self, Standing};

/// Where a pulled argument comes from, in words: the claim's source (article, paragraph,
/// map#id) or the team's own analysis; said plainly when the motion no longer has it.
pub fn source_of(motion: &Motion, from: &str) -> String {
    match motion.source(from) {
        Some(s) => format!("{from}, {}", s.place("¶")),
        None => format!("{from}, which the motion no longer has"),
    }
}

fn short(format: &Format, speech: usize) -> &str {
    format
        .speeches
        .get(speech)
        .map_or("?", |s| s.short.as_str())
}

/// What an argument says: its text, or for an extension or a cross-application what it
/// carries.
pub fn text_of(round: &Round, a: &Arg) -> String {
    let of = |id: u32| round.get(id).map(|b| b.text.clone()).unwrap_or_default();
    match (a.extends, a.applies, a.text.is_empty()) {
        (Some(e), _, true) => format!("extends #{e}: {}", of(e)),
        (Some(e), _, false) => format!("extends #{e}: {}", a.text),
        (_, Some(x), _) => format!("cross-applies #{x}: {}", of(x)),
        (None, None, _) => a.text.clone(),
    }
}

/// One argument, with its source, its answers and how it stands, in a sentence or two.
pub fn argument(round: &Round, motion: &Motion, a: &Arg) -> String {
    let format = &motion.format;
    let mut out = format!(
        "{}: {}",
        capital(&round.place(format, a.id)),
        text_of(round, a).trim_end_matches('.')
    );
    if let Some(m) = a.mark {
        out.push_str(&format!(" [{}]", m.word()));
    }
    if let Some(to) = a.answers {
        out.push_str(&format!(" (answers #{to})"));
    }
    if let Some(from) = &a.from {
        out.push_str(&format!(". From the case: {}", source_of(motion, from)));
    }
    let answers: Vec<String> = round
        .args
        .iter()
        .filter(|b| b.answers == Some(a.id))
        .map(|b| {
            format!(
                "answered in the {} by {}: {}",
                short(format, b.speech),
                round.place(format, b.id),
                text_of(round, b)
            )
        })
        .collect();
    let extended: Vec<String> = round
        .args
        .iter()
        .filter(|b| b.extends == Some(a.id))
        .map(|b| format!("extended in the {} (#{})", short(format, b.speech), b.id))
        .collect();
    let standing = match standing::standing(round, format, a) {
        Standing::Dropped(s) => Some(format!("dropped in the {}", short(format, s))),
        Standing::Conceded => Some("conceded".into()),
        Standing::Waiting => Some("not answered yet".into()),
        Standing::Answered(_) | Standing::Final => None,
    };
    let rest: Vec<String> = answers
        .into_iter()
        .chain(extended)
        .chain(standing)
        .collect();
    if !rest.is_empty() {
        out.push_str("; ");
        out.push_str(&rest.join("; "));
    }
    out.push('.');
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A speech: its name, side and time, then each argument it made, sheet by sheet.
pub fn speech(round: &Round, motion: &Motion, speech: usize) -> String {
    let format = &motion.format;
    let Some(s) = format.speeches.get(speech) else {
        return "No such speech.".into();
    };
    let mut out = format!(
        "{} ({}), for the {}, {} minutes",
        s.name, s.short, motion.sides[s.side], s.minutes
    );
    if !s.flowed {
        out.push_str(": not flowed.");
        return out;
    }
    let made: Vec<&Arg> = round.args.iter().filter(|a| a.speech == speech).collect();
    if made.is_empty() {
        out.push_str(": nothing flowed yet.");
        return out;
    }
    out.push_str(&format!(": {} argument{}.", made.len(), plural(made.len())));
    for sheet in 0..2 {
        let on: Vec<&&Arg> = made.iter().filter(|a| a.sheet == sheet).collect();
        if on.is_empty() {
            continue;
        }
        out.push_str(&format!("\nOn the {}'s case:", motion.sides[sheet]));
        for a in on {
            out.push_str("\n  ");
            out.push_str(&argument(round, motion, a));
        }
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The drops so far, each with the speech that dropped it and any extension of it.
pub fn drops(round: &Round, motion: &Motion) -> String {
    let format = &motion.format;
    let drops = standing::drops(round, format);
    let mut out = drops_heading(drops.len());
    for d in &drops {
        out.push_str("\n  ");
        out.push_str(&drop_line(round, motion, d));
    }
    out
}

/// What heads the list of `n` drops: "No drops so far.", "2 drops:".
pub fn drops_heading(n: usize) -> String {
    if n == 0 {
        "No drops so far.".into()
    } else {
        format!("{n} drop{}:", plural(n))
    }
}

/// One drop, what matters first: "Argument 2 of the P1 (#2), dropped in the O1 and extended in
/// the P2: its words."
pub fn drop_line(round: &Round, motion: &Motion, d: &standing::Drop) -> String {
    let format = &motion.format;
    let text = round
        .get(d.id)
        .map(|a| text_of(round, a))
        .unwrap_or_default();
    let mut out = format!(
        "{}, dropped in the {}",
        capital(&round.place(format, d.id)),
        short(format, d.speech)
    );
    if !d.extended_in.is_empty() {
        let ins: Vec<&str> = d.extended_in.iter().map(|&s| short(format, s)).collect();
        out.push_str(&format!(" and extended in the {}", ins.join(" and the ")));
    }
    out.push_str(&format!(": {}", text.trim_end_matches('.')));
    out.push('.');
    out
}

/// A clock in words: "The 1AC: 3:12 left, running."
pub fn clock(format: &Format, sides: &[String; 2], r: &Reading) -> String {
    let what = match r.timer {
        Timer::Speech(i) => format!("The {}", short(format, i)),
        Timer::Prep(side) => format!("The {}'s prep", sides[side.min(1)]),
    };
    let state = if r.running { "running" } else { "stopped" };
    let warn = if r.left_ms <= 0 {
        " Time is up."
    } else if r.warning() {
        " Nearly over."
    } else {
        ""
    };
    format!("{what}: {}, {state}.{warn}", r.said())
}

/// A pulled argument's source opened: the claim, its quote, and each paragraph it cites, read
/// from its map beside the motion (in `dir`) as the map is now.
pub fn opened(motion: &Motion, dir: &std::path::Path, from: &str) -> Vec<String> {
    let Some(source) = motion.source(from) else {
        return vec![format!("{from}: the motion no longer has it.")];
    };
    let mut out = vec![source.said("¶")];
    let super::motion::Source::Drawn {
        map, paragraphs, ..
    } = source
    else {
        return out;
    };
    match crate::map::loader::load_path_within(&dir.join(map), dir) {
        Ok(crate::map::loader::Loaded { map: Some(m), .. }) => {
            for p in m
                .source
                .paragraphs
                .iter()
                .filter(|p| paragraphs.contains(&p.number))
            {
                out.push(format!("¶{} {}", p.number, p.text));
            }
        }
        _ => out.push(format!(
            "The map {map} cannot be read now: argwalk check {map} says why."
        )),
    }
    out
}
