//! A flowed round: the arguments each speech made, each on the sheet of the case it belongs to,
//! each answer beside what it answers; the current speech and the clocks. Every change goes
//! through [`Round::apply`], so both faces change a round the same way and say the same refusals.

use super::clock::{Clock, Timer};
use super::format::Format;

/// What the other side did to an argument, marked by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// The other side agreed to it.
    Conceded,
    /// This answer turns the argument it answers into a reason for its own side.
    Turned,
}

impl Mark {
    pub fn word(self) -> &'static str {
        match self {
            Mark::Conceded => "conceded",
            Mark::Turned => "turned",
        }
    }
}

/// One argument on the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    /// Its number in the round: one more than the highest when it was made.
    pub id: u32,
    /// The speech that made it: an index into the format's speeches.
    pub speech: usize,
    /// The sheet: 0 the first side's case, 1 the second's.
    pub sheet: usize,
    pub text: String,
    /// The argument it answers (of the other side, in an earlier speech).
    pub answers: Option<u32>,
    /// The argument of its own side it carries into this later speech.
    pub extends: Option<u32>,
    /// With `answers`: the argument applied here as the answer (a cross-application).
    pub applies: Option<u32>,
    /// Pulled from the case: a claim of the motion (`A2`) or a map's node (`mill.toml#P4`).
    pub from: Option<String>,
    pub mark: Option<Mark>,
}

impl Arg {
    /// The argument it hangs beside: the one it answers or extends.
    pub fn parent(&self) -> Option<u32> {
        self.answers.or(self.extends)
    }
}

/// A cell being typed, kept in the flow file as it is typed so that nothing typed is lost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: DraftKind,
    pub text: String,
}

/// What the cell being typed will be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    /// A new argument of the current speech on a sheet.
    Add { sheet: usize },
    /// An answer to an argument.
    Answer { to: u32 },
    /// An extension of an argument.
    Extend { of: u32 },
    /// New words for an argument.
    Edit { id: u32 },
}

/// A round as flowed, and saved.
#[derive(Debug, Clone, PartialEq)]
pub struct Round {
    /// The motion's file, as the flow file names it.
    pub motion: String,
    /// The round's name ("Practice round 1").
    pub name: String,
    pub args: Vec<Arg>,
    /// The speech being given: an index into the format's speeches.
    pub speech: usize,
    pub clock: Clock,
    pub draft: Option<Draft>,
}

/// A change to a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// A new argument of the current speech, on `sheet`.
    Add {
        sheet: usize,
        text: String,
        from: Option<String>,
    },
    /// An answer to `to`, made in the current speech (or, if the current speech is not the
    /// other side's, the next speech of the other side that can answer it).
    Answer {
        to: u32,
        text: String,
        from: Option<String>,
    },
    /// Carries `of` into the current speech, which must be its side's.
    Extend { of: u32, text: String },
    /// Applies `what` as the answer to `to`.
    CrossApply { what: u32, to: u32 },
    /// New words for an argument.
    Edit { id: u32, text: String },
    /// Sets or clears a mark (the same mark again clears it).
    Mark { id: u32, mark: Mark },
    /// Removes an argument nothing answers or extends.
    Remove { id: u32 },
    /// Moves the current speech (stopping its clock).
    Speech(usize),
    /// Starts or stops a clock.
    Clock(Timer),
    /// Keeps the cell being typed (or none).
    Draft(Option<Draft>),
}

impl Op {
    /// Pulling `from` (a claim of the motion, or a map's node its case draws on) into the
    /// flow, with its words: an answer to `to`, or a new argument on `sheet`.
    pub fn pull(
        motion: &super::motion::Motion,
        from: &str,
        to: Option<u32>,
        sheet: usize,
    ) -> Result<Op, String> {
        let source = motion
            .source(from)
            .ok_or_else(|| format!("No claim {from} in the motion"))?;
        let text = source.text().to_string();
        let from = Some(from.to_string());
        Ok(match to {
            Some(to) => Op::Answer { to, text, from },
            None => Op::Add { sheet, text, from },
        })
    }
}

/// What a change did: the argument it made or touched, for the face to select and say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    Arg(u32),
    Nothing,
}

impl Round {
    /// A new round of `format` on the motion at `motion`.
    pub fn new(motion: String, name: String, format: &Format) -> Self {
        let first = format.speeches.iter().position(|s| s.flowed).unwrap_or(0);
        Round {
            motion,
            name,
            args: Vec::new(),
            speech: first,
            clock: Clock::new(format.speeches.len()),
            draft: None,
        }
    }

    pub fn get(&self, id: u32) -> Option<&Arg> {
        self.args.iter().find(|a| a.id == id)
    }

    fn next_id(&self) -> u32 {
        self.args.iter().map(|a| a.id).max().unwrap_or(0) + 1
    }

    /// The arguments that answer or extend `id`, in the order they were made.
    pub fn children(&self, id: u32) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(move |a| a.parent() == Some(id))
    }

    /// Where an answer to `target` goes: the current speech if it is the other side's, later
    /// and flowed on the target's sheet; else the first such speech after the target's.
    pub fn answer_speech(&self, format: &Format, target: &Arg) -> Option<usize> {
        let side = format.speeches.get(target.speech)?.side;
        let fits = |i: usize| {
            let s = &format.speeches[i];
            i > target.speech && s.side != side && s.flowed && s.sheets.contains(&target.sheet)
        };
        if self.speech < format.speeches.len() && fits(self.speech) {
            return Some(self.speech);
        }
        (target.speech + 1..format.speeches.len()).find(|&i| fits(i))
    }

    /// Where a cell of `kind` is flowed now, as its speech and sheet, or why it cannot be: a
    /// face asks before the cell is typed, and [`Round::apply`] places it by the same rule.
    pub fn place_of(&self, format: &Format, kind: DraftKind) -> Result<(usize, usize), String> {
        let speeches = &format.speeches;
        let current = speeches.get(self.speech).ok_or("the round has no speech")?;
        match kind {
            DraftKind::Add { sheet } => {
                if !current.flowed {
                    return Err(format!(
                        "The {} is not flowed: go to a speech that is",
                        current.name
                    ));
                }
                if !current.sheets.contains(&sheet) {
                    return Err(format!(
                        "The {} is not flowed on the {} sheet: switch sheets",
                        current.short,
                        format.sides[sheet.min(1)]
                    ));
                }
                Ok((self.speech, sheet))
            }
            DraftKind::Answer { to } => {
                let target = self.get(to).ok_or(format!("No argument {to}"))?;
                let at = self.answer_speech(format, target).ok_or_else(|| {
                    format!(
                        "No speech of the other side follows the {} on this sheet to answer {to}",
                        speeches[target.speech].short
                    )
                })?;
                Ok((at, target.sheet))
            }
            DraftKind::Extend { of } => {
                let target = self.get(of).ok_or(format!("No argument {of}"))?;
                let side = speeches.get(target.speech).map(|s| s.side);
                if side != Some(current.side) || self.speech <= target.speech {
                    return Err(format!(
                        "Argument {of} is extended by its own side in a later speech: go to one of the {}",
                        format.sides[side.unwrap_or(0)]
                    ));
                }
                if !current.flowed || !current.sheets.contains(&target.sheet) {
                    return Err(format!("The {} is not flowed on this sheet", current.short));
                }
                Ok((self.speech, target.sheet))
            }
            DraftKind::Edit { id } => {
                let a = self.get(id).ok_or(format!("No argument {id}"))?;
                Ok((a.speech, a.sheet))
            }
        }
    }

    /// Applies `op` at `now` (milliseconds since the epoch, for the clocks): what it did, or
    /// why it cannot be done, in words for either face.
    pub fn apply(&mut self, format: &Format, op: Op, now: u64) -> Result<Done, String> {
        let speeches = &format.speeches;
        match op {
            Op::Add { sheet, text, from } => {
                let (speech, sheet) = self.place_of(format, DraftKind::Add { sheet })?;
                self.push(speech, sheet, text, None, None, None, from)
            }
            Op::Answer { to, text, from } => {
                let (speech, sheet) = self.place_of(format, DraftKind::Answer { to })?;
                self.push(speech, sheet, text, Some(to), None, None, from)
            }
            Op::Extend { of, text } => {
                let (speech, sheet) = self.place_of(format, DraftKind::Extend { of })?;
                self.push(speech, sheet, text, None, Some(of), None, None)
            }
            Op::CrossApply { what, to } => self.cross_apply(format, what, to),
            Op::Edit { id, text } => {
                let a = self.arg_mut(id)?;
                a.text = crate::map::sanitize::clean(&text);
                self.draft = None;
                Ok(Done::Arg(id))
            }
            Op::Mark { id, mark } => {
                let a = self.arg_mut(id)?;
                if mark == Mark::Turned && a.answers.is_none() {
                    return Err(format!(
                        "Argument {id} answers nothing: a turn is an answer that makes the argument it answers a reason for the other side"
                    ));
                }
                a.mark = if a.mark == Some(mark) {
                    None
                } else {
                    Some(mark)
                };
                Ok(Done::Arg(id))
            }
            Op::Remove { id } => self.remove(id),
            Op::Speech(to) => {
                if to >= speeches.len() {
                    return Err("There is no speech after the last".into());
                }
                self.clock.stop(now);
                self.speech = to;
                Ok(Done::Nothing)
            }
            Op::Clock(timer) => {
                if matches!(timer, Timer::Prep(_)) && format.prep == 0 {
                    return Err(format!("The {} has no prep time in the round", format.name));
                }
                let timer = match timer {
                    Timer::Speech(_) => Timer::Speech(self.speech),
                    prep => prep,
                };
                self.clock.toggle(timer, now);
                Ok(Done::Nothing)
            }
            Op::Draft(draft) => {
                self.draft = draft;
                Ok(Done::Nothing)
            }
        }
    }

    /// Argument `what` applied as the answer to argument `to`: it must be the answering
    /// side's, and a speech of that side must follow `to`'s.
    fn cross_apply(&mut self, format: &Format, what: u32, to: u32) -> Result<Done, String> {
        let speeches = &format.speeches;
        let applied = self.get(what).ok_or(format!("No argument {what}"))?.clone();
        let target = self.get(to).ok_or(format!("No argument {to}"))?.clone();
        if what == to {
            return Err("An argument cannot answer itself".into());
        }
        let Some(at) = self.answer_speech(format, &target) else {
            return Err(format!(
                "No speech of the other side follows the {} to answer {to}",
                speeches[target.speech].short
            ));
        };
        if speeches[applied.speech].side != speeches[at].side {
            return Err(format!(
                "Argument {what} is the {}'s: it can answer only the {}",
                format.sides[speeches[applied.speech].side],
                format.sides[1 - speeches[applied.speech].side.min(1)]
            ));
        }
        self.push(
            at,
            target.sheet,
            applied.text.clone(),
            Some(to),
            None,
            Some(what),
            applied.from.clone(),
        )
    }

    /// Removes argument `id`, if nothing answers, extends or cross-applies it.
    fn remove(&mut self, id: u32) -> Result<Done, String> {
        self.get(id).ok_or(format!("No argument {id}"))?;
        if let Some(c) = self.children(id).next() {
            return Err(format!(
                "Argument {} answers or extends {id}: remove it first",
                c.id
            ));
        }
        if let Some(a) = self.args.iter().find(|a| a.applies == Some(id)) {
            return Err(format!(
                "Argument {} cross-applies {id}: remove it first",
                a.id
            ));
        }
        self.args.retain(|a| a.id != id);
        Ok(Done::Nothing)
    }

    fn arg_mut(&mut self, id: u32) -> Result<&mut Arg, String> {
        self.args
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(format!("No argument {id}"))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        speech: usize,
        sheet: usize,
        text: String,
        answers: Option<u32>,
        extends: Option<u32>,
        applies: Option<u32>,
        from: Option<String>,
    ) -> Result<Done, String> {
        let id = self.next_id();
        // The cell being typed is flowed: it is a draft no more (in the same save, so a crash
        // between the two cannot bring it back as unfinished).
        self.draft = None;
        self.args.push(Arg {
            id,
            speech,
            sheet,
            // Typed text is untrusted as a file's is: one line, no controls.
            text: crate::map::sanitize::clean(&text),
            answers,
            extends,
            applies,
            from,
            mark: None,
        });
        Ok(Done::Arg(id))
    }

    /// The sheet to show first: the current speech's first sheet.
    pub fn opening_sheet(&self, format: &Format) -> usize {
        format
            .speeches
            .get(self.speech)
            .and_then(|s| s.sheets.first().copied())
            .unwrap_or(0)
    }

    /// The next flowed speech after the current one, if any.
    pub fn next_speech(&self, format: &Format) -> Option<usize> {
        (self.speech + 1..format.speeches.len()).find(|&i| format.speeches[i].flowed)
    }

    /// The flowed speech before the current one, if any.
    pub fn previous_speech(&self, format: &Format) -> Option<usize> {
        (0..self.speech).rev().find(|&i| format.speeches[i].flowed)
    }

    /// "Argument 3 of the 1AC": its place among its speech's arguments on its sheet.
    pub fn place(&self, format: &Format, id: u32) -> String {
        let Some(a) = self.get(id) else {
            return format!("argument {id}");
        };
        let n = self
            .args
            .iter()
            .filter(|b| b.speech == a.speech && b.sheet == a.sheet && b.id <= id)
            .count();
        let short = format
            .speeches
            .get(a.speech)
            .map(|s| s.short.as_str())
            .unwrap_or("?");
        format!("argument {n} of the {short} (#{id})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::format::shipped;

    fn policy() -> (Format, Round) {
        let f = shipped("policy").unwrap();
        let r = Round::new("m.motion.toml".into(), "r".into(), &f);
        (f, r)
    }

    fn add(r: &mut Round, f: &Format, text: &str) -> u32 {
        match r
            .apply(
                f,
                Op::Add {
                    sheet: 0,
                    text: text.into(),
                    from: None,
                },
                0,
            )
            .unwrap()
        {
            Done::Arg(id) => id,
            Done::Nothing => panic!("no argument"),
        }
    }

    #[test]
    fn an_answer_goes_to_the_next_speech_of_the_other_side_until_one_is_given() {
        let (f, mut r) = policy();
        let a = add(&mut r, &f, "harms");
        // Still in the 1AC: the answer is flowed where the 1NC will say it.
        let b = r
            .apply(
                &f,
                Op::Answer {
                    to: a,
                    text: "no harms".into(),
                    from: None,
                },
                0,
            )
            .unwrap();
        let Done::Arg(b) = b else { panic!() };
        assert_eq!(f.speeches[r.get(b).unwrap().speech].short, "1NC");
        // In the 2NC, an answer to the 1AC goes in the 2NC.
        let two_nc = f.speeches.iter().position(|s| s.short == "2NC").unwrap();
        r.apply(&f, Op::Speech(two_nc), 0).unwrap();
        let Done::Arg(c) = r
            .apply(
                &f,
                Op::Answer {
                    to: a,
                    text: "more".into(),
                    from: None,
                },
                0,
            )
            .unwrap()
        else {
            panic!()
        };
        assert_eq!(r.get(c).unwrap().speech, two_nc);
    }

    #[test]
    fn extend_needs_a_later_speech_of_the_same_side() {
        let (f, mut r) = policy();
        let a = add(&mut r, &f, "harms");
        let err = r.apply(
            &f,
            Op::Extend {
                of: a,
                text: String::new(),
            },
            0,
        );
        assert!(err.unwrap_err().contains("later speech"));
        let two_ac = f.speeches.iter().position(|s| s.short == "2AC").unwrap();
        r.apply(&f, Op::Speech(two_ac), 0).unwrap();
        let done = r.apply(
            &f,
            Op::Extend {
                of: a,
                text: String::new(),
            },
            0,
        );
        assert!(matches!(done, Ok(Done::Arg(_))));
    }

    #[test]
    fn a_cross_application_answers_with_an_argument_of_the_answering_side() {
        let (f, mut r) = policy();
        let a = add(&mut r, &f, "harms");
        let b = add(&mut r, &f, "solvency");
        let one_nc = f.speeches.iter().position(|s| s.short == "1NC").unwrap();
        r.apply(&f, Op::Speech(one_nc), 0).unwrap();
        let c = add(&mut r, &f, "no link");
        let err = r.apply(&f, Op::CrossApply { what: a, to: b }, 0);
        assert!(
            err.unwrap_err().contains("Affirmative"),
            "the 1AC cannot answer itself"
        );
        let Done::Arg(d) = r.apply(&f, Op::CrossApply { what: c, to: b }, 0).unwrap() else {
            panic!()
        };
        let d = r.get(d).unwrap();
        assert_eq!((d.answers, d.applies), (Some(b), Some(c)));
        assert_eq!(d.text, "no link");
    }

    #[test]
    fn remove_refuses_what_is_answered_and_marks_toggle() {
        let (f, mut r) = policy();
        let a = add(&mut r, &f, "harms");
        let Done::Arg(b) = r
            .apply(
                &f,
                Op::Answer {
                    to: a,
                    text: "turn".into(),
                    from: None,
                },
                0,
            )
            .unwrap()
        else {
            panic!()
        };
        assert!(r.apply(&f, Op::Remove { id: a }, 0).is_err());
        assert!(
            r.apply(
                &f,
                Op::Mark {
                    id: a,
                    mark: Mark::Turned
                },
                0
            )
            .is_err()
        );
        r.apply(
            &f,
            Op::Mark {
                id: b,
                mark: Mark::Turned,
            },
            0,
        )
        .unwrap();
        assert_eq!(r.get(b).unwrap().mark, Some(Mark::Turned));
        r.apply(
            &f,
            Op::Mark {
                id: b,
                mark: Mark::Turned,
            },
            0,
        )
        .unwrap();
        assert_eq!(r.get(b).unwrap().mark, None);
        r.apply(&f, Op::Remove { id: b }, 0).unwrap();
        r.apply(&f, Op::Remove { id: a }, 0).unwrap();
        assert!(r.args.is_empty());
        assert_eq!(add(&mut r, &f, "x"), 1);
    }

    #[test]
    fn add_refuses_a_speech_not_flowed_on_the_sheet() {
        let (f, mut r) = policy();
        let err = r
            .apply(
                &f,
                Op::Add {
                    sheet: 1,
                    text: "x".into(),
                    from: None,
                },
                0,
            )
            .unwrap_err();
        assert!(
            err.contains("1AC is not flowed on the Negative sheet"),
            "{err}"
        );
    }
}
