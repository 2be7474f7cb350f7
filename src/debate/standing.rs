//! Where each argument of a flow stands: answered, dropped (the other side's next speeches on
//! its sheet said nothing to it), conceded, or still waiting for its answer. Computed from the
//! round, never marked by hand, so a drop cannot be forgotten.

use super::flow::{Arg, Mark, Round};
use super::format::Format;

/// How an argument stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Answered in the speech (an index) of the other side that could answer it.
    Answered(usize),
    /// The other side's next speeches on its sheet went by without answering it; the index
    /// is the last of them.
    Dropped(usize),
    /// The other side agreed to it.
    Conceded,
    /// Its answer is still to come (the speeches that can answer it are not over).
    Waiting,
    /// No speech of the other side follows on its sheet: the last word.
    Final,
}

/// The speeches (indices) that can answer an argument made in `speech` on `sheet`: the next
/// run of flowed speeches of the other side on that sheet (two in a row, as a policy
/// negative block, answer together), skipping speeches that are not flowed.
pub fn answering(format: &Format, speech: usize, sheet: usize) -> Vec<usize> {
    let Some(side) = format.speeches.get(speech).map(|s| s.side) else {
        return Vec::new();
    };
    let mut run = Vec::new();
    for (i, s) in format.speeches.iter().enumerate().skip(speech + 1) {
        if !s.flowed {
            continue;
        }
        if s.side == side {
            if run.is_empty() {
                continue;
            }
            break;
        }
        if s.sheets.contains(&sheet) {
            run.push(i);
        }
    }
    run
}

/// How `arg` stands with the round at its current speech.
pub fn standing(round: &Round, format: &Format, arg: &Arg) -> Standing {
    if arg.mark == Some(Mark::Conceded) {
        return Standing::Conceded;
    }
    let run = answering(format, arg.speech, arg.sheet);
    let Some(&last) = run.last() else {
        return Standing::Final;
    };
    if let Some(answer) = round
        .args
        .iter()
        .filter(|b| b.answers == Some(arg.id) && run.contains(&b.speech))
        .map(|b| b.speech)
        .min()
    {
        return Standing::Answered(answer);
    }
    if round.speech > last {
        Standing::Dropped(last)
    } else {
        Standing::Waiting
    }
}

/// One drop, for the list of drops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drop {
    pub id: u32,
    /// The last speech that could have answered it.
    pub speech: usize,
    /// The later speeches of its own side that extended it anyway: a dropped argument carried
    /// on, the one the judge must weigh.
    pub extended_in: Vec<usize>,
}

/// Every dropped argument of the round, in the order they were made.
pub fn drops(round: &Round, format: &Format) -> Vec<Drop> {
    round
        .args
        .iter()
        .filter_map(|a| match standing(round, format, a) {
            Standing::Dropped(speech) => Some(Drop {
                id: a.id,
                speech,
                extended_in: round
                    .args
                    .iter()
                    .filter(|e| e.extends == Some(a.id))
                    .map(|e| e.speech)
                    .collect(),
            }),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debate::flow::{Done, Op};
    use crate::debate::format::shipped;

    fn at(f: &Format, short: &str) -> usize {
        f.speeches.iter().position(|s| s.short == short).unwrap()
    }

    fn id(d: Result<Done, String>) -> u32 {
        match d.unwrap() {
            Done::Arg(id) => id,
            Done::Nothing => panic!(),
        }
    }

    fn add(r: &mut Round, f: &Format, sheet: usize, text: &str) -> u32 {
        let op = Op::Add {
            sheet,
            text: text.into(),
            from: None,
        };
        id(r.apply(f, op, 0))
    }

    fn answer(r: &mut Round, f: &Format, to: u32, text: &str) -> u32 {
        let op = Op::Answer {
            to,
            text: text.into(),
            from: None,
        };
        id(r.apply(f, op, 0))
    }

    /// A policy round: the negative block (2NC and 1NR) answers together; the 2AR has the
    /// last word.
    #[test]
    fn a_policy_round_drops_what_the_next_run_of_the_other_side_leaves() {
        let f = shipped("policy").unwrap();
        let mut r = Round::new("m".into(), "r".into(), &f);
        let harms = add(&mut r, &f, 0, "harms");
        let solvency = add(&mut r, &f, 0, "solvency");
        let inherency = add(&mut r, &f, 0, "inherency");
        r.apply(&f, Op::Speech(at(&f, "1NC")), 0).unwrap();
        // While the 1NC speaks, nothing is dropped yet.
        assert_eq!(drops(&r, &f), vec![]);
        let no_harms = answer(&mut r, &f, harms, "no harms");
        let circumvention = answer(&mut r, &f, solvency, "circumvention");
        let da = add(&mut r, &f, 1, "politics disadvantage");
        r.apply(&f, Op::Speech(at(&f, "2AC")), 0).unwrap();
        // The 1NC is over: inherency went unanswered.
        assert_eq!(
            drops(&r, &f),
            vec![Drop {
                id: inherency,
                speech: at(&f, "1NC"),
                extended_in: vec![]
            }]
        );
        assert_eq!(
            standing(&r, &f, r.get(harms).unwrap()),
            Standing::Answered(at(&f, "1NC"))
        );
        answer(&mut r, &f, no_harms, "harms are real");
        answer(&mut r, &f, da, "no link");
        // The 2AC said nothing to circumvention; the inherency is extended, dropped.
        let ext = id(r.apply(
            &f,
            Op::Extend {
                of: inherency,
                text: "extend".into(),
            },
            0,
        ));
        r.apply(&f, Op::Speech(at(&f, "2NC")), 0).unwrap();
        let ids: Vec<u32> = drops(&r, &f).iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![inherency, circumvention]);
        assert_eq!(drops(&r, &f)[0].extended_in, vec![at(&f, "2AC")]);
        // The extension waits for the negative block: the 1NR may answer what the 2NC left.
        r.apply(&f, Op::Speech(at(&f, "1NR")), 0).unwrap();
        answer(&mut r, &f, ext, "inherency is old");
        r.apply(&f, Op::Speech(at(&f, "1AR")), 0).unwrap();
        let ext_standing = standing(&r, &f, r.get(ext).unwrap());
        assert_eq!(ext_standing, Standing::Answered(at(&f, "1NR")));
        // The 2AC's "harms are real" and "no link" went unanswered by the whole block.
        let ids: Vec<u32> = drops(&r, &f).iter().map(|d| d.id).collect();
        assert_eq!(ids.len(), 4, "{ids:?}");
        // The 2AR: nothing follows it.
        r.apply(&f, Op::Speech(at(&f, "2AR")), 0).unwrap();
        let last = add(&mut r, &f, 0, "vote aff");
        assert_eq!(standing(&r, &f, r.get(last).unwrap()), Standing::Final);
    }

    /// Public forum: each side's case has its own sheet, answered first in the other side's
    /// rebuttal (the Con's constructive goes by the Pro's sheet); a conceded argument is not a
    /// drop.
    #[test]
    fn a_public_forum_round_drops_and_concessions() {
        let f = shipped("public-forum").unwrap();
        let mut r = Round::new("m".into(), "r".into(), &f);
        assert_eq!(r.speech, at(&f, "PC"));
        let c1 = add(&mut r, &f, 0, "contention one");
        let c2 = add(&mut r, &f, 0, "contention two");
        let c3 = add(&mut r, &f, 0, "contention three");
        assert_eq!(answering(&f, at(&f, "PC"), 0), vec![at(&f, "CR")]);
        r.apply(&f, Op::Speech(at(&f, "CC")), 0).unwrap();
        let con = add(&mut r, &f, 1, "con contention");
        // The Con's constructive is over, and the Pro's case still waits for its answer.
        r.apply(&f, Op::Speech(at(&f, "PR")), 0).unwrap();
        assert_eq!(standing(&r, &f, r.get(c1).unwrap()), Standing::Waiting);
        answer(&mut r, &f, con, "non-unique");
        r.apply(&f, Op::Speech(at(&f, "CR")), 0).unwrap();
        answer(&mut r, &f, c3, "no evidence");
        r.apply(
            &f,
            Op::Mark {
                id: c2,
                mark: Mark::Conceded,
            },
            0,
        )
        .unwrap();
        r.apply(&f, Op::Speech(at(&f, "PS")), 0).unwrap();
        let ids: Vec<u32> = drops(&r, &f).iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![c1]);
        assert_eq!(standing(&r, &f, r.get(c2).unwrap()), Standing::Conceded);
        assert_eq!(
            standing(&r, &f, r.get(c3).unwrap()),
            Standing::Answered(at(&f, "CR"))
        );
    }
}
