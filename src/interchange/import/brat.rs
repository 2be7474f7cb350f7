//! brat standoff annotations (`.ann` beside its `.txt`), as in the Argument Annotated Essays
//! corpus (Stab and Gurevych): `MajorClaim`, `Claim` (with a `Stance` of `For` or `Against`)
//! and `Premise` spans by character offsets, and `supports` / `attacks` relations. The essay's
//! first line is its title; each later line with text is a paragraph.

use std::collections::HashMap;

use super::graph::{Bears, Claim, Graph, Lost, Relation};

/// Byte index of character `at` in `text` (brat counts characters), or `None` past its end.
///
/// `bytes` is [`char_bytes`] of the text, made once: looking each offset up by walking the text
/// made a file of 20,000 spans take twenty seconds.
fn byte_at(bytes: &[usize], at: usize) -> Option<usize> {
    bytes.get(at).copied()
}

/// The byte where each character of `text` starts, and its length last (the end).
fn char_bytes(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// A span's character offsets, from what follows its type on its `T` line: "716 851", or
/// discontinuous "10 20;25 30", first to last.
pub(crate) fn offsets(after_kind: &str) -> Option<(usize, usize)> {
    let offsets: Vec<usize> = after_kind
        .split([' ', ';'])
        .filter_map(|w| w.parse().ok())
        .collect();
    Some((*offsets.first()?, *offsets.last()?))
}

/// Reads `ann` (the annotations) over `txt` (the text they annotate); with `attach`, places
/// what the annotation relates to nothing ([`attach_unrelated`]).
pub(crate) fn read(ann: &str, txt: &str, name: &str, attach: bool) -> Result<Graph, String> {
    // Paragraphs: each line with text, by its byte range; the first is the title.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for line in txt.split_inclusive('\n') {
        let end = start + line.len();
        if !line.trim().is_empty() {
            lines.push((start, end));
        }
        start = end;
    }
    let Some(&(t0, t1)) = lines.first() else {
        return Err(format!("{name}: the text is empty"));
    };
    let mut graph = Graph {
        title: txt[t0..t1].trim().to_string(),
        paragraphs: lines[1..]
            .iter()
            .map(|&(a, b)| txt[a..b].trim().to_string())
            .collect(),
        ..Graph::default()
    };
    // The paragraphs are in order: found by halving, not by a scan per span.
    let paragraph_of = |byte: usize| {
        let body = &lines[1..];
        let i = body.partition_point(|&(_, b)| b <= byte);
        body.get(i)
            .filter(|&&(a, b)| (a..b).contains(&byte))
            .map(|_| i)
    };
    let Annotation {
        mut index,
        majors,
        stances,
        relations,
        spans,
    } = annotation(ann, txt, &mut graph, &paragraph_of);
    let Some(&root) = majors.first() else {
        return Err(format!(
            "{name}: no MajorClaim: argwalk needs the essay's central claim as its thesis"
        ));
    };
    // Further statements of the major claim (an essay states it in its introduction and again
    // in its conclusion): cited on the thesis, as one claim.
    for &m in &majors[1..] {
        let cites = graph.claims[m].cites.clone();
        graph.claims[root].cites.extend(cites);
        graph.claims[m].merged = true;
        // Whatever bears on a restatement bears on the thesis.
        for ix in index.values_mut() {
            if *ix == m {
                *ix = root;
            }
        }
    }
    add_stances(&mut graph, stances, &index, root);
    add_relations(&mut graph, relations, &index);
    graph.central = Some(root);
    if attach {
        attach_unrelated(&mut graph, &spans, root);
    }
    mark_raised(&mut graph, root);
    // The restatements themselves stand apart: said, not lost in silence.
    for &m in &majors[1..] {
        graph.lost.push(Lost {
            place: graph.claims[m].place.clone(),
            what: "a restatement of the major claim: cited on the thesis".into(),
        });
    }
    Ok(graph)
}

/// What the lines of an annotation give: each span's claim by its id, the major claims,
/// stances and relations to resolve once every span is known, and each claim's span.
#[derive(Default)]
struct Annotation {
    index: HashMap<String, usize>,
    majors: Vec<usize>,
    /// Each stance: its span, its value, its place.
    stances: Vec<(String, String, String)>,
    /// Each relation: its kind, from, to, its place.
    relations: Vec<(String, String, String, String)>,
    /// Each claim's span: whether it is a premise, and where it starts (a byte of the text).
    spans: Vec<(bool, usize)>,
}

/// Reads the lines of annotation `ann` over the text `txt`: each span a claim of `graph`
/// (in the paragraph `paragraph_of` finds), what cannot be read said in it.
fn annotation(
    ann: &str,
    txt: &str,
    graph: &mut Graph,
    paragraph_of: &dyn Fn(usize) -> Option<usize>,
) -> Annotation {
    let bytes = char_bytes(txt);
    let mut a = Annotation::default();
    for (n, line) in ann.lines().enumerate() {
        let at = format!("line {}", n + 1);
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = line.split('\t');
        let id = fields.next().unwrap_or_default().to_string();
        let middle = fields.next().unwrap_or_default();
        let mut words = middle.split_whitespace();
        let kind = words.next().unwrap_or_default();
        match id.chars().next() {
            Some('T') => match span(&id, kind, &middle[kind.len()..], txt, &bytes, paragraph_of) {
                Ok((quote, paragraph, ba)) => {
                    if kind == "MajorClaim" {
                        a.majors.push(graph.claims.len());
                    }
                    a.spans.push((kind == "Premise", ba));
                    a.index.insert(id.clone(), graph.claims.len());
                    graph.claims.push(Claim {
                        key: format!("{id} {kind}"),
                        text: quote.split_whitespace().collect::<Vec<_>>().join(" "),
                        cites: vec![(paragraph + 1, Some(quote))],
                        place: at,
                        ..Claim::default()
                    });
                }
                Err(what) => graph.lost.push(Lost { place: at, what }),
            },
            Some('A') => {
                let target = words.next().unwrap_or_default().to_string();
                let value = words.next().unwrap_or_default().to_string();
                if kind == "Stance" {
                    a.stances.push((target, value, at));
                } else {
                    graph.lost.push(Lost {
                        place: at,
                        what: format!(
                            "the attribute {kind} of {target}, which argwalk does not know"
                        ),
                    });
                }
            }
            Some('R') => {
                let arg = |w: Option<&str>| {
                    w.and_then(|w| w.split_once(':'))
                        .map(|(_, t)| t.to_string())
                        .unwrap_or_default()
                };
                let from = arg(words.next());
                let to = arg(words.next());
                a.relations.push((kind.to_string(), from, to, at));
            }
            Some('#') => graph.lost.push(Lost {
                place: at,
                what: "an annotator's note (argwalk keeps the mapper's notes, not the annotators')"
                    .into(),
            }),
            _ => graph.lost.push(Lost {
                place: at,
                what: format!(
                    "a line argwalk does not read: {}",
                    line.chars().take(40).collect::<String>()
                ),
            }),
        }
    }
    a
}

/// Each claim's stance towards the major claim: a support of the thesis (For), or an
/// attack on it the author raises, to answer it (Against).
fn add_stances(
    graph: &mut Graph,
    stances: Vec<(String, String, String)>,
    index: &HashMap<String, usize>,
    root: usize,
) {
    for (target, value, at) in stances {
        let Some(&from) = index.get(&target) else {
            graph.lost.push(Lost {
                place: at,
                what: format!("the stance of {target}, which is no span"),
            });
            continue;
        };
        let bears = match value.as_str() {
            "For" => Bears::Supports,
            "Against" => Bears::Attacks,
            other => {
                graph.lost.push(Lost {
                    place: at,
                    what: format!("the stance {other} of {target}: argwalk knows For and Against"),
                });
                continue;
            }
        };
        // A claim against the essay's position is one the author raises, to answer it.
        graph.claims[from].raised = bears == Bears::Attacks;
        graph.relations.push(Relation {
            from,
            to: root,
            bears,
            with: Vec::new(),
            place: at,
            scheme: None,
        });
    }
}

/// The annotation's relations (supports, attacks) between its spans.
fn add_relations(
    graph: &mut Graph,
    relations: Vec<(String, String, String, String)>,
    index: &HashMap<String, usize>,
) {
    for (kind, from, to, at) in relations {
        let bears = match kind.as_str() {
            "supports" => Bears::Supports,
            "attacks" => Bears::Attacks,
            other => {
                graph.lost.push(Lost {
                    place: at,
                    what: format!("the relation {other}, which argwalk does not know"),
                });
                continue;
            }
        };
        let (Some(&f), Some(&t)) = (index.get(&from), index.get(&to)) else {
            graph.lost.push(Lost {
                place: at,
                what: format!("a relation of {from} and {to}, which are no spans"),
            });
            continue;
        };
        graph.relations.push(Relation {
            from: f,
            to: t,
            bears,
            with: Vec::new(),
            place: at,
            scheme: None,
        });
    }
}

/// The span `id` of type `kind` (`offsets` is the rest of its line): its quote, its
/// paragraph (0-based, the title not counted) and its first byte; or why argwalk cannot use it.
fn span(
    id: &str,
    kind: &str,
    offsets_field: &str,
    txt: &str,
    bytes: &[usize],
    paragraph_of: &dyn Fn(usize) -> Option<usize>,
) -> Result<(String, usize, usize), String> {
    let Some((a, b)) = offsets(offsets_field) else {
        return Err(format!("the span {id} has no offsets"));
    };
    let (Some(ba), Some(bb)) = (byte_at(bytes, a), byte_at(bytes, b)) else {
        return Err(format!("the span {id} ends past the text ({b} characters)"));
    };
    // An empty or reversed span, or one of only spaces, quotes nothing: the map would not
    // check. Named and skipped, like any other span argwalk cannot use.
    if bb <= ba || txt[ba..bb].trim().is_empty() {
        return Err(format!(
            "the span {id} ({a}–{b}) is empty or reversed: it quotes nothing"
        ));
    }
    let Some(paragraph) = paragraph_of(ba) else {
        return Err(format!(
            "the span {id} lies in the title or between paragraphs"
        ));
    };
    if !matches!(kind, "MajorClaim" | "Claim" | "Premise") {
        return Err(format!(
            "the span {id} is a {kind}, which argwalk does not know"
        ));
    }
    Ok((txt[ba..bb].to_string(), paragraph, ba))
}

/// Places what an annotation of components only relates to nothing (`import --attach`): a
/// premise no relation leads from supports the claim of its paragraph (the nearest before it,
/// else after it; where its paragraph has none, the nearest claim before it in the essay; the
/// major claim where there is no claim at all), and a claim with no stance and no relation is
/// for the major claim. Each such link is marked as inferred on its node (a note and the tag
/// `inferred`): the annotator did not draw it.
fn attach_unrelated(graph: &mut Graph, spans: &[(bool, usize)], root: usize) {
    let mut source = vec![false; graph.claims.len()];
    for r in &graph.relations {
        source[r.from] = true;
    }
    let paragraph = |c: &Claim| c.cites.first().map_or(0, |&(p, _)| p);
    let claims: Vec<usize> = (0..graph.claims.len())
        .filter(|&c| c != root && !spans[c].0 && !graph.claims[c].merged)
        .collect();
    let nearest = |of: usize, among: &mut dyn Iterator<Item = usize>| -> Option<usize> {
        let among: Vec<usize> = among.collect();
        among
            .iter()
            .copied()
            .filter(|&c| spans[c].1 < spans[of].1)
            .max_by_key(|&c| spans[c].1)
            .or_else(|| among.iter().copied().min_by_key(|&c| spans[c].1))
    };
    let mut added = Vec::new();
    for c in 0..graph.claims.len() {
        if source[c] || c == root || graph.claims[c].merged {
            continue;
        }
        let to = if spans[c].0 {
            let here = paragraph(&graph.claims[c]);
            nearest(
                c,
                &mut claims
                    .iter()
                    .copied()
                    .filter(|&k| paragraph(&graph.claims[k]) == here),
            )
            .or_else(|| {
                nearest(
                    c,
                    &mut claims.iter().copied().filter(|&k| spans[k].1 < spans[c].1),
                )
            })
            .unwrap_or(root)
        } else {
            root
        };
        added.push((c, to));
    }
    for (c, to) in added {
        let target = graph.claims[to]
            .key
            .split(' ')
            .next()
            .unwrap_or_default()
            .to_string();
        let claim = &mut graph.claims[c];
        claim.tags.push("inferred".into());
        claim.note = Some(format!(
            "Its link to {target} is inferred (argwalk import --attach): the annotation relates it to nothing."
        ));
        graph.relations.push(Relation {
            from: c,
            to,
            bears: Bears::Supports,
            with: Vec::new(),
            place: claim.place.clone(),
            scheme: None,
        });
    }
}

/// Marks as raised each claim on the side against the essay's position: the author states it
/// to answer it. A claim's side is its target's when it supports it, the other when it attacks
/// it; the major claim is the author's.
fn mark_raised(graph: &mut Graph, root: usize) {
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); graph.claims.len()];
    for (k, r) in graph.relations.iter().enumerate() {
        incoming[r.to].push(k);
    }
    let mut against: Vec<Option<bool>> = vec![None; graph.claims.len()];
    against[root] = Some(false);
    let mut queue = std::collections::VecDeque::from([root]);
    while let Some(at) = queue.pop_front() {
        let side = against[at].unwrap_or(false);
        for &k in &incoming[at] {
            let r = &graph.relations[k];
            if against[r.from].is_some() {
                continue;
            }
            against[r.from] = Some(match r.bears {
                Bears::Supports => side,
                Bears::Attacks | Bears::Undercuts => !side,
            });
            queue.push_back(r.from);
        }
    }
    for (c, side) in against.into_iter().enumerate() {
        if side == Some(true) {
            graph.claims[c].raised = true;
        }
    }
}
