//! Drills: cards made from the map, answered from memory, graded by the reader, and scheduled
//! over days by FSRS (the `rs-fsrs` crate; no scheduler of our own). A card's schedule lives in
//! the reader's layer, keyed by what it asks, so it survives edits of the map.

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Rating};

use crate::map::model::{ArgumentMap, Kind, NodeIx, Role};

use super::layer::Layer;

/// One card: what it asks, and the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillCard {
    /// Stable across edits of the map: the kind of question and the node's id.
    pub key: String,
    pub node: NodeIx,
    pub front: String,
    pub back: String,
}

fn named(map: &ArgumentMap, ix: NodeIx) -> String {
    let n = &map.nodes[ix];
    format!("{}: {}{}", n.id, n.text, map.nodes[ix].cites_label())
}

/// The `kind` nodes of `support`, each named; a linked group once, as one reason.
fn reasons(map: &ArgumentMap, support: &[NodeIx], kind: Kind) -> Vec<String> {
    let mut said = vec![false; map.nodes.len()];
    let mut out = Vec::new();
    for &c in support.iter().filter(|&&c| map.nodes[c].kind == kind) {
        if said[c] {
            continue;
        }
        let group: Vec<NodeIx> = std::iter::once(c)
            .chain(map.nodes[c].linked.iter().copied())
            .collect();
        for &g in &group {
            said[g] = true;
        }
        out.push(if group.len() == 1 {
            named(map, c)
        } else {
            format!(
                "Together, as one reason: {}",
                group
                    .iter()
                    .map(|&g| named(map, g))
                    .collect::<Vec<_>>()
                    .join(" + ")
            )
        });
    }
    out
}

/// Every card of the map, in reading order: the thesis (recall its premises), each premise
/// (its evidence), each objection (its answer), each quote (which claim it backs, and where).
pub fn cards(map: &ArgumentMap) -> Vec<DrillCard> {
    let mut out = Vec::new();
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        let (support, attack) = map.supporters_and_attackers(ix);
        match (n.kind, n.role) {
            (Kind::Thesis, _) => {
                let premises = reasons(map, &support, Kind::Premise);
                out.push(DrillCard {
                    key: format!("thesis:{}", n.id),
                    node: ix,
                    front: format!("What are the premises of the thesis? {}", n.text),
                    back: if premises.is_empty() {
                        "The map gives none.".into()
                    } else {
                        premises.join("\n")
                    },
                });
            }
            (Kind::Premise, _) => {
                let evidence = reasons(map, &support, Kind::Evidence);
                out.push(DrillCard {
                    key: format!("premise:{}", n.id),
                    node: ix,
                    front: format!("What is the evidence for this premise? {}", n.text),
                    back: if evidence.is_empty() {
                        "None in the map: the author argues it.".into()
                    } else {
                        evidence.join("\n")
                    },
                });
            }
            (_, Role::Objection) => {
                out.push(DrillCard {
                    key: format!("objection:{}", n.id),
                    node: ix,
                    front: match map.target_in_words(ix).filter(|_| n.undercuts) {
                        Some(step) => {
                            format!("How is this undercut of {step} answered? {}", n.text)
                        }
                        None => format!("How is this objection answered? {}", n.text),
                    },
                    back: if attack.is_empty() {
                        "It is not: the map leaves it unanswered.".into()
                    } else {
                        attack
                            .iter()
                            .map(|&c| named(map, c))
                            .collect::<Vec<_>>()
                            .join("\n")
                    },
                });
            }
            _ => {}
        }
        // The critical questions a step's scheme asks: recalled, as a debater must ask them.
        if let Some(scheme) = map.scheme_of(ix).filter(|_| n.scheme.is_some()) {
            out.push(DrillCard {
                key: format!("questions:{}", n.id),
                node: ix,
                front: format!(
                    "The scheme of this step: {}. What must you ask of it? {}",
                    scheme.name, n.text
                ),
                back: scheme
                    .questions
                    .iter()
                    .map(|q| q.text)
                    .collect::<Vec<_>>()
                    .join("\n"),
            });
        }
        for (i, q) in n
            .citations
            .iter()
            .filter_map(|c| c.quote.as_ref())
            .enumerate()
        {
            out.push(DrillCard {
                key: format!("quote:{}:{i}", n.id),
                node: ix,
                front: format!(
                    "Which claim does this quote back, and where? \"{}\"",
                    q.text
                ),
                back: format!("{}: {} (¶{})", n.id, n.text, q.paragraph),
            });
        }
    }
    out
}

/// The cards due at `now`, the most overdue first; a card never drilled is due.
pub fn due(map: &ArgumentMap, layer: &Layer, now: DateTime<Utc>) -> Vec<DrillCard> {
    let mut due: Vec<(DateTime<Utc>, DrillCard)> = cards(map)
        .into_iter()
        .filter_map(|c| match layer.drills.get(&c.key) {
            None => Some((DateTime::<Utc>::MIN_UTC, c)),
            Some(card) if card.due <= now => Some((card.due, c)),
            Some(_) => None,
        })
        .collect();
    due.sort_by_key(|(d, _)| *d);
    due.into_iter().map(|(_, c)| c).collect()
}

/// When the next card falls due, if none is due now.
pub fn next_due(map: &ArgumentMap, layer: &Layer) -> Option<DateTime<Utc>> {
    cards(map)
        .iter()
        .filter_map(|c| layer.drills.get(&c.key).map(|card| card.due))
        .min()
}

/// The reader's grade of one answer, as FSRS takes it.
pub fn rating(grade: u8) -> Option<Rating> {
    match grade {
        1 => Some(Rating::Again),
        2 => Some(Rating::Hard),
        3 => Some(Rating::Good),
        4 => Some(Rating::Easy),
        _ => None,
    }
}

/// Grades the card `key` at `now`: FSRS schedules its next review.
pub fn grade(layer: &mut Layer, key: &str, rating: Rating, now: DateTime<Utc>) -> DateTime<Utc> {
    let card = layer.drills.get(key).cloned().unwrap_or_else(|| Card {
        due: now,
        last_review: now,
        ..Card::default()
    });
    let next = FSRS::default().next(card, now, rating).card;
    let due = next.due;
    layer.drills.insert(key.to_string(), next);
    due
}

/// "in 3 days", "in 10 minutes": how far `then` is from `now`.
pub fn in_words(now: DateTime<Utc>, then: DateTime<Utc>) -> String {
    let d = then.signed_duration_since(now);
    let (n, unit) = if d.num_days() >= 1 {
        (d.num_days(), "day")
    } else if d.num_hours() >= 1 {
        (d.num_hours(), "hour")
    } else {
        (d.num_minutes().max(1), "minute")
    };
    format!("in {n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::loader;

    #[test]
    fn cards_cover_thesis_premises_objections_and_quotes() {
        let map = loader::load_builtin().map.unwrap();
        let cards = cards(&map);
        assert!(cards.iter().any(|c| c.key == "thesis:T"));
        assert!(
            cards
                .iter()
                .any(|c| c.key == "premise:P1" && c.back.contains("E1a"))
        );
        assert!(
            cards
                .iter()
                .any(|c| c.key == "objection:O1" && c.back.contains("R1"))
        );
        assert!(cards.iter().any(|c| c.key.starts_with("quote:")));
    }

    #[test]
    fn a_good_answer_comes_back_later_than_a_forgotten_one() {
        let map = loader::load_builtin().map.unwrap();
        let mut layer = Layer::default();
        let now = Utc::now();
        assert_eq!(
            due(&map, &layer, now).len(),
            cards(&map).len(),
            "all new cards are due"
        );
        let good = grade(&mut layer, "premise:P1", Rating::Good, now);
        let again = grade(&mut layer, "premise:P2", Rating::Again, now);
        assert!(good > again, "{good} vs {again}");
        assert!(due(&map, &layer, now).iter().all(|c| c.key != "premise:P1"));
        // Days later it is due again.
        let later = now + chrono::Duration::days(30);
        assert!(
            due(&map, &layer, later)
                .iter()
                .any(|c| c.key == "premise:P1")
        );
    }
}
