//! Debate prep from a map and the reader's layer: the weak spots of the case, ranked, and the
//! frontlines (each objection with the answer to it). Pure functions, shared by the reader's
//! views and the prep sheet export.

use crate::map::model::{ArgumentMap, Kind, NodeIx, Role};

use super::layer::{Judgement, Layer, Side};

/// Why a node is a weak spot, most serious first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weakness {
    /// An objection that no rebuttal answers.
    Unanswered,
    /// An undercut no rebuttal answers: the step it attacks is in doubt.
    UnansweredUndercut,
    /// An objection the author raises himself, then leaves without an answer.
    RaisedUnanswered,
    /// The reader judged the claim to fail (or the counterpoint weak).
    JudgedFailing,
    /// The reader judged a counterpoint against the case strong.
    JudgedStrong,
    /// The author grants the point.
    Conceded,
    /// The author grants the point in part, and answers the rest.
    ConcededInPart,
    /// A premise with neither evidence nor a sub-premise behind it.
    Unsupported,
    /// The reader judged the claim doubtful (or the case's own counterpoint answerable).
    JudgedDoubtful,
    /// The reader judged a counterpoint against the case answerable: it stands until answered.
    JudgedAnswerable,
    /// Evidence that quotes nothing from the article.
    NoQuote,
    /// Someone other than the author makes the claim.
    ClaimedByOther,
    /// A weak member of a linked group: if it fails, the whole inference fails with it.
    Linked,
    /// A critical question of the step's scheme that nothing in the map answers.
    OpenQuestion,
    /// A critical question the reader judged to go against the step.
    QuestionFails,
}

impl Weakness {
    /// Why it is weak, in words for a node of `kind`: a counterpoint judged strong or
    /// answerable, a claim judged to fail or doubtful.
    pub fn describe(self, kind: Kind) -> &'static str {
        let counterpoint = kind == Kind::Counterpoint;
        match self {
            Weakness::Unanswered => "an objection no rebuttal answers",
            Weakness::UnansweredUndercut => {
                "an undercut no rebuttal answers: the step it attacks is in doubt"
            }
            Weakness::RaisedUnanswered => {
                "an objection the author raises himself and leaves unanswered"
            }
            Weakness::JudgedFailing if counterpoint => "you judged it weak",
            Weakness::JudgedFailing => "you judged it to fail",
            Weakness::JudgedStrong => "you judged it strong",
            Weakness::Conceded => "the author concedes it",
            Weakness::ConcededInPart => "the author concedes it in part (and answers the rest)",
            Weakness::Unsupported => "a premise with no evidence or sub-premise behind it",
            Weakness::JudgedDoubtful | Weakness::JudgedAnswerable if counterpoint => {
                "you judged it answerable"
            }
            Weakness::JudgedDoubtful | Weakness::JudgedAnswerable => "you judged it doubtful",
            Weakness::NoQuote => "evidence that quotes nothing from the article",
            Weakness::ClaimedByOther => "claimed by someone other than the author",
            Weakness::Linked => "linked: if it fails, the inference it shares fails with it",
            Weakness::OpenQuestion => "a critical question of its scheme is left open",
            Weakness::QuestionFails => "you judged a critical question of its scheme to fail it",
        }
    }

    fn weight(self) -> u32 {
        match self {
            Weakness::Unanswered
            | Weakness::UnansweredUndercut
            | Weakness::RaisedUnanswered
            | Weakness::QuestionFails
            | Weakness::JudgedFailing
            | Weakness::JudgedStrong => 5,
            Weakness::Conceded | Weakness::Unsupported => 3,
            Weakness::JudgedDoubtful
            | Weakness::JudgedAnswerable
            | Weakness::ConcededInPart
            | Weakness::OpenQuestion => 2,
            Weakness::NoQuote | Weakness::ClaimedByOther | Weakness::Linked => 1,
        }
    }
}

/// One weak spot: a node and everything weak about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakSpot {
    pub node: NodeIx,
    pub reasons: Vec<Weakness>,
    /// Whether it hurts the thesis's case (a weak claim or answer of it, or a counterpoint
    /// against it that stands) rather than the opposing case (a weak claim or counterpoint of
    /// it).
    pub against_thesis: bool,
}

impl WeakSpot {
    pub fn score(&self) -> u32 {
        self.reasons.iter().map(|r| r.weight()).sum()
    }
}

/// The nodes that answer `ix`: its rebuttals (children that attack it) and nodes that attack
/// it by a cross-link.
pub fn answers(map: &ArgumentMap, ix: NodeIx) -> Vec<NodeIx> {
    map.supporters_and_attackers(ix).1
}

/// A critical question still to ask of a step.
#[derive(Debug, Clone, Copy)]
pub struct Ask {
    pub question: &'static crate::map::schemes::Question,
    /// The reader judged it to fail the step (else it is open).
    pub fails: bool,
}

/// The critical questions of the step of `ix` (a node naming a scheme) still to ask, as the
/// reader has answered them: those the reader judged to fail the step (first), left open, or
/// did not answer where the map answers them with nothing. A question the reader found
/// answered in the article is not asked, whatever the map says.
pub fn questions_to_ask(map: &ArgumentMap, layer: Option<&Layer>, ix: NodeIx) -> Vec<Ask> {
    use super::layer::{Verdict, question_key};
    let id = &map.nodes[ix].id;
    let mut asks: Vec<Ask> = map
        .critical_questions(ix)
        .into_iter()
        .filter_map(|(question, by)| {
            let yours = layer.and_then(|l| l.questions.get(&question_key(id, question.key)));
            let fails = match yours.map(|a| a.verdict) {
                Some(Verdict::Fails) => true,
                Some(Verdict::Open) => false,
                Some(Verdict::Answered) => return None,
                None if by.is_empty() => false,
                None => return None,
            };
            Some(Ask { question, fails })
        })
        .collect();
    asks.sort_by_key(|a| !a.fails);
    asks
}

/// Every weak spot of the case, most serious first (ties in reading order). Linear in the map.
///
/// Each node belongs to a case: the thesis's (an even number of attacks above it) or the
/// opposing one. A node is a weak spot of its own case when it may fall (judged to fail or
/// doubtful, a counterpoint judged weak or answerable, unsupported, unquoted, someone else's
/// word, an open question of its step); a counterpoint of the opposing case is a weak spot of
/// the thesis's case when it stands against it (unanswered, conceded, judged strong or
/// answerable). A counterpoint the reader judged weak stands no more: it is a weak spot of its
/// own case only. docs/WEAK-SPOTS.md sets the rules out as a table, row by row tested.
pub fn weak_spots(map: &ArgumentMap, layer: Option<&Layer>) -> Vec<WeakSpot> {
    let mut out = Vec::new();
    // The case each node belongs to (`true`: the opposing one), in one pass down the walk, a
    // parent before its children: asking each node's way up is quadratic on a deep chain.
    let mut opposing_case = vec![false; map.nodes.len()];
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        opposing_case[ix] = n.parent.is_some_and(|p| opposing_case[p]) ^ n.role.attacks();
    }
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        let opposing = opposing_case[ix];
        let counterpoint = n.kind == Kind::Counterpoint;
        let judgement = layer.and_then(|l| l.node(&n.id)).and_then(|s| s.judgement);
        // What makes the node fall: a weak spot of its own case.
        let mut falls = Vec::new();
        match judgement {
            Some(Judgement::Fails) => falls.push(Weakness::JudgedFailing),
            // A claim in doubt, and an answer of the thesis's case that can itself be answered.
            Some(Judgement::Doubtful) if !(counterpoint && opposing) => {
                falls.push(Weakness::JudgedDoubtful)
            }
            _ => {}
        }
        if n.kind == Kind::Premise
            && !n
                .children
                .iter()
                .any(|&c| matches!(map.nodes[c].kind, Kind::Evidence | Kind::Premise))
            && !n
                .linked_by
                .iter()
                .any(|&(c, _)| matches!(map.nodes[c].kind, Kind::Evidence | Kind::Premise))
        {
            falls.push(Weakness::Unsupported);
        }
        if n.kind == Kind::Evidence && n.citations.iter().all(|c| c.quote.is_none()) {
            falls.push(Weakness::NoQuote);
        }
        // A claim of the case that rests on someone else's word; an objection is someone
        // else's by nature, so saying so of every one would be noise.
        if n.by.is_some() && !opposing {
            falls.push(Weakness::ClaimedByOther);
        }
        // A step of the case whose scheme asks what neither the map nor the reader answers,
        // or that the reader judged a question to fail (said once, on the node that names the
        // scheme). Against the thesis, open questions weaken the other side: they are asked
        // of it in the frontlines instead.
        if n.scheme.is_some() && !opposing {
            let asks = questions_to_ask(map, layer, ix);
            if asks.iter().any(|a| a.fails) {
                falls.push(Weakness::QuestionFails);
            }
            if asks.iter().any(|a| !a.fails) {
                falls.push(Weakness::OpenQuestion);
            }
        }
        let stands = if counterpoint && opposing && judgement != Some(Judgement::Fails) {
            standing_against(map, ix, judgement)
        } else {
            Vec::new()
        };
        // A counterpoint that stands is what the reader must meet there; what else is weak
        // about it (the group it is linked in) goes with it. Else the node's own weakness.
        let (mut reasons, against_thesis) = if stands.is_empty() {
            (falls, !opposing)
        } else {
            (stands, true)
        };
        if reasons.is_empty() {
            continue;
        }
        if !n.linked.is_empty() {
            reasons.push(Weakness::Linked);
        }
        reasons.sort_unstable();
        out.push(WeakSpot {
            node: ix,
            reasons,
            against_thesis,
        });
    }
    // Stable: equal scores keep reading order.
    out.sort_by_key(|w| std::cmp::Reverse(w.score()));
    out
}

/// What makes counterpoint `ix` of the opposing case stand against the thesis's case: left
/// unanswered, granted, or judged strong or answerable by the reader (their "weak" overrules
/// it: they judged it to fall, whatever the map answers, and it is not asked here).
fn standing_against(map: &ArgumentMap, ix: NodeIx, judgement: Option<Judgement>) -> Vec<Weakness> {
    let n = &map.nodes[ix];
    let mut stands = Vec::new();
    let answered = !answers(map, ix).is_empty();
    if !n.conceded && !answered {
        stands.push(if n.undercuts {
            Weakness::UnansweredUndercut
        } else if n.raised {
            Weakness::RaisedUnanswered
        } else {
            Weakness::Unanswered
        });
    }
    // Granted and answered too: granted in part.
    if n.conceded {
        stands.push(if answered {
            Weakness::ConcededInPart
        } else {
            Weakness::Conceded
        });
    }
    match judgement {
        Some(Judgement::Holds) => stands.push(Weakness::JudgedStrong),
        Some(Judgement::Doubtful) => stands.push(Weakness::JudgedAnswerable),
        _ => {}
    }
    stands
}

/// What the weak spots say first, for a reader who chose a side: what the marks ask of them.
pub fn side_heading(side: Option<Side>) -> Option<&'static str> {
    match side? {
        Side::For => {
            Some("You argue for the thesis: defend what is marked defend, attack the rest")
        }
        Side::Against => {
            Some("You argue against the thesis: attack what is marked attack, defend the rest")
        }
    }
}

/// What the reader's side makes of a weak spot: something to defend, or to attack.
pub fn stance(side: Option<Side>, spot: &WeakSpot) -> &'static str {
    match (side, spot.against_thesis) {
        (Some(Side::For), true) => "defend",
        (Some(Side::For), false) => "attack",
        (Some(Side::Against), true) => "attack",
        (Some(Side::Against), false) => "defend",
        (None, _) => "",
    }
}

/// How the frontlines speak, by the reader's side: for the thesis (or no side) the other side
/// says the objections and we answer; against it, we say them and they answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Voice {
    /// "If they say" or "If we say".
    pub says: &'static str,
    /// "we answer" or "they answer".
    pub answer: &'static str,
    /// Said after "UNANSWERED: …": nothing for the side that must answer it, "press it" for
    /// the side that makes it.
    pub unanswered: &'static str,
    /// What the critical questions of an objection are: ours to ask of it, or theirs.
    pub ask: &'static str,
}

/// The frontlines' voice for `side`.
pub fn voice(side: Option<Side>) -> Voice {
    match side {
        Some(Side::Against) => Voice {
            says: "If we say",
            answer: "they answer",
            unanswered: "; press it",
            ask: "they may ask of it",
        },
        _ => Voice {
            says: "If they say",
            answer: "we answer",
            unanswered: "",
            ask: "ask of it",
        },
    }
}

/// One line of the frontlines: an objection and the answers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Front {
    pub objection: NodeIx,
    pub answers: Vec<NodeIx>,
}

/// Where an objection stands: what the frontlines say of it, in every face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// The author grants it and does not answer it.
    Conceded,
    /// The author grants some of it and answers the rest.
    ConcededInPart,
    /// Nothing in the map answers it.
    Unanswered,
    /// The author raises it himself, and nothing answers it.
    RaisedUnanswered,
    /// The author raises it himself, and answers it.
    RaisedAnswered,
    /// Answered.
    Answered,
}

impl Standing {
    /// Its label and words for the reader's views ("Conceded in part", "the author grants
    /// some of it, and answers the rest"); `None` when there is nothing to say of it.
    pub fn said(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Standing::Conceded => ("Conceded", "the author grants it, and does not answer it"),
            Standing::ConcededInPart => (
                "Conceded in part",
                "the author grants some of it, and answers the rest",
            ),
            Standing::Unanswered => ("Unanswered", "the map has no reply to it"),
            Standing::RaisedUnanswered => (
                "Unanswered",
                "the author raises it himself, and the map has no reply to it",
            ),
            Standing::RaisedAnswered | Standing::Answered => return None,
        })
    }

    /// Whether nothing answers it (the side that makes it is told to press it).
    pub fn unanswered(self) -> bool {
        matches!(self, Standing::Unanswered | Standing::RaisedUnanswered)
    }
}

impl Front {
    /// Where the objection stands: granted, answered, or not.
    pub fn standing(&self, map: &ArgumentMap) -> Standing {
        let o = &map.nodes[self.objection];
        match (o.conceded, self.answers.is_empty(), o.raised) {
            (true, true, _) => Standing::Conceded,
            (true, false, _) => Standing::ConcededInPart,
            (false, true, true) => Standing::RaisedUnanswered,
            (false, true, false) => Standing::Unanswered,
            (false, false, true) => Standing::RaisedAnswered,
            (false, false, false) => Standing::Answered,
        }
    }
}

/// Every objection in reading order, each with its answers (none: unanswered).
pub fn frontlines(map: &ArgumentMap) -> Vec<Front> {
    map.walk
        .iter()
        .filter(|&&ix| map.nodes[ix].role == Role::Objection)
        .map(|&ix| Front {
            objection: ix,
            answers: answers(map, ix),
        })
        .collect()
}

/// For the side against the thesis: each premise with the objections that attack it, in
/// reading order.
pub fn lines_of_attack(map: &ArgumentMap) -> Vec<(NodeIx, Vec<NodeIx>)> {
    map.walk
        .iter()
        .filter(|&&ix| map.nodes[ix].kind == Kind::Premise)
        .map(|&ix| (ix, map.supporters_and_attackers(ix).1))
        .collect()
}

/// "¶5: "the exact words"" for a node's first quote, or "¶5" for its first citation, with the
/// paragraph sign and dash given (`#` and `-` in ASCII mode).
pub fn where_said(map: &ArgumentMap, ix: NodeIx, pilcrow: &str, dash: &str) -> Option<String> {
    let n = &map.nodes[ix];
    if let Some(q) = n.citations.iter().find_map(|c| c.quote.as_ref()) {
        return Some(format!("{pilcrow}{}: \"{}\"", q.paragraph, q.text));
    }
    n.citations.first().map(|c| c.label(pilcrow, dash))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::loader;

    #[test]
    fn the_astana_case_has_its_weak_spots_ranked() {
        let map = loader::load_builtin().map.unwrap();
        let spots = weak_spots(&map, None);
        assert!(!spots.is_empty());
        // Sorted by seriousness.
        assert!(spots.windows(2).all(|w| w[0].score() >= w[1].score()));
        // A judgement of the reader's raises a node.
        let mut layer = Layer::default();
        layer.node_mut("P2").judgement = Some(Judgement::Fails);
        let spots = weak_spots(&map, Some(&layer));
        let p2 = map.find("P2").unwrap();
        let spot = spots.iter().find(|s| s.node == p2).unwrap();
        assert!(spot.reasons.contains(&Weakness::JudgedFailing));
        assert_eq!(stance(Some(Side::Against), spot), "attack");
    }

    #[test]
    fn every_objection_is_on_the_frontlines() {
        let map = loader::load_builtin().map.unwrap();
        let fronts = frontlines(&map);
        let objections = map
            .nodes
            .iter()
            .filter(|n| n.role == Role::Objection)
            .count();
        assert_eq!(fronts.len(), objections);
        assert!(
            fronts.iter().all(|f| !f.answers.is_empty()),
            "Astana answers every objection"
        );
    }
}
