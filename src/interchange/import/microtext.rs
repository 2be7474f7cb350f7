//! The argumentative microtexts corpus (Peldszus and Stede; parts 1 and 2): one `<arggraph>`
//! per text, its elementary units (`edu`) grouped into argumentative units (`adu`, proponent
//! or opponent) by `seg` edges, and `sup`, `exa`, `reb`, `und` and `add` edges between them.
//! The text is rebuilt from the units, in order, as one paragraph; each claim quotes its own.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::graph::{Bears, Claim, Graph, Lost, Relation};

/// Where each line of a text starts, to say places by line and column: found once, so that
/// saying the place of every element is linear in the file (counting the line breaks before
/// each made a 3,000-unit file take seconds).
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Self {
        Self(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }

    /// Line and column of byte `at`, 1-based.
    fn place(&self, at: usize) -> String {
        let line = self.0.partition_point(|&start| start <= at).max(1);
        let col = at - self.0[line - 1] + 1;
        format!("line {line}, column {col}")
    }
}

struct Edge {
    id: String,
    src: String,
    trg: String,
    kind: String,
    at: String,
}

/// What the XML of a microtext holds: its units, edges and names, and what is not of the
/// format.
#[derive(Default)]
struct Parsed {
    /// Each elementary unit: its id and text.
    edus: Vec<(String, String)>,
    /// Each argumentative unit: its id, its type (pro or opp) and its place.
    adus: Vec<(String, String, String)>,
    edges: Vec<Edge>,
    graph_id: Option<String>,
    topic: Option<String>,
    lost: Vec<Lost>,
}

/// Reads the XML of a microtext; `Err` when it is not well formed.
fn parse(text: &str, name: &str) -> Result<Parsed, String> {
    let mut reader = Reader::from_str(text);
    let lines = Lines::of(text);
    let mut parsed = Parsed::default();
    let Parsed {
        edus,
        adus,
        edges,
        graph_id,
        topic,
        lost,
    } = &mut parsed;
    let mut open_edu: Option<String> = None;
    loop {
        let at = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let event = reader
            .read_event()
            .map_err(|e| format!("{name}: not well-formed XML at {}: {e}", lines.place(at)))?;
        let attr = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> String {
            e.attributes()
                .flatten()
                .find(|a| a.key.as_ref() == key)
                .and_then(|a| {
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .ok()
                        .map(|v| v.into_owned())
                })
                .unwrap_or_default()
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "arggraph" => {
                    *graph_id = Some(attr(&e, "id"));
                    *topic = Some(attr(&e, "topic_id"));
                }
                "edu" => {
                    open_edu = Some(attr(&e, "id"));
                    edus.push((attr(&e, "id"), String::new()));
                }
                "adu" => adus.push((attr(&e, "id"), attr(&e, "type"), lines.place(at))),
                "edge" => edges.push(Edge {
                    id: attr(&e, "id"),
                    src: attr(&e, "src"),
                    trg: attr(&e, "trg"),
                    kind: attr(&e, "type"),
                    at: lines.place(at),
                }),
                "joint" => {}
                other => lost.push(Lost {
                    place: lines.place(at),
                    what: format!(
                        "the element <{}> is not part of the microtext format",
                        other
                    ),
                }),
            },
            Event::Text(t) if open_edu.is_some() => {
                if let Some(last) = edus.last_mut() {
                    last.1.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) if open_edu.is_some() => {
                if let Some(last) = edus.last_mut() {
                    last.1.push_str(&t);
                }
            }
            // `&amp;` and `&#233;` in a unit's text.
            Event::GeneralRef(r) if open_edu.is_some() => {
                let c = match &*r {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let (Some(c), Some(last)) = (c, edus.last_mut()) {
                    last.1.push(c);
                }
            }
            Event::End(e) if e.name().as_ref() == "edu" => open_edu = None,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(parsed)
}

/// The article made of the units, and each unit's paragraph and text (whitespace made one
/// space). A microtext is one paragraph (a few sentences); a text far longer than any of the
/// corpus is cut into paragraphs of PER_PARAGRAPH units, so that finding each quote in its
/// paragraph stays linear in the file.
fn article(edus: &[(String, String)]) -> (Vec<String>, HashMap<&str, (usize, String)>) {
    const PER_PARAGRAPH: usize = 25;
    let chunk = if edus.len() > 2 * PER_PARAGRAPH {
        PER_PARAGRAPH
    } else {
        usize::MAX
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut edu_text: HashMap<&str, (usize, String)> = HashMap::new();
    for (i, (id, t)) in edus.iter().enumerate() {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if i % chunk == 0 {
            paragraphs.push(String::new());
        }
        let number = paragraphs.len();
        if let Some(paragraph) = paragraphs.last_mut() {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(&t);
        }
        edu_text.insert(id, (number, t));
    }
    if paragraphs.is_empty() {
        paragraphs.push(String::new());
    }
    (paragraphs, edu_text)
}

/// Each argumentative unit's segments (one elementary unit, or a joint of several), by its id.
fn unit_segments<'p>(
    parsed: &'p Parsed,
    edu_text: &HashMap<&str, (usize, String)>,
) -> HashMap<&'p str, Vec<&'p str>> {
    let (adus, edges) = (&parsed.adus, &parsed.edges);
    let mut segments: HashMap<&str, Vec<&str>> = HashMap::new();
    let adu_ids: std::collections::HashSet<&str> = adus.iter().map(|a| a.0.as_str()).collect();
    // Each joint's ADU, by the joint: found once, not by a scan of every edge per segment.
    let mut seg_from: HashMap<&str, &str> = HashMap::new();
    for j in edges.iter().filter(|j| j.kind == "seg") {
        seg_from.entry(j.src.as_str()).or_insert(j.trg.as_str());
    }
    for e in edges.iter().filter(|e| e.kind == "seg") {
        // An EDU segments into an ADU directly, or through a joint.
        let target = if adu_ids.contains(e.trg.as_str()) {
            Some(e.trg.as_str())
        } else {
            seg_from.get(e.trg.as_str()).copied()
        };
        if let Some(t) = target
            && edu_text.contains_key(e.src.as_str())
        {
            segments.entry(t).or_default().push(&e.src);
        }
    }
    segments
}

/// Reads one microtext; `Err` when it is not one (not XML, no `<arggraph>`).
pub(crate) fn read(text: &str, name: &str) -> Result<Graph, String> {
    let parsed = parse(text, name)?;
    let Some(graph_id) = parsed.graph_id.clone() else {
        return Err(format!(
            "{name}: no <arggraph> element: this is not an argumentative microtext"
        ));
    };
    let (paragraphs, edu_text) = article(&parsed.edus);
    let segments = unit_segments(&parsed, &edu_text);
    let Parsed {
        edus,
        adus,
        edges,
        topic,
        lost,
        ..
    } = &parsed;
    let lost = lost.clone();
    let order: HashMap<&str, usize> = edus
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    // Microtexts have no titles: the text's id and its topic.
    let title = match topic.as_deref().filter(|t| !t.is_empty()) {
        Some(t) => format!("{graph_id}: {}", t.replace('_', " ")),
        None => graph_id.clone(),
    };
    let mut graph = Graph {
        title,
        paragraphs,
        lost,
        ..Graph::default()
    };
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (id, kind, at) in adus {
        let mut segs = segments.get(id.as_str()).cloned().unwrap_or_default();
        segs.sort_by_key(|s| order.get(s).copied().unwrap_or(usize::MAX));
        let parts: Vec<(usize, &str)> = segs
            .iter()
            .filter_map(|s| edu_text.get(s).map(|(n, t)| (*n, t.as_str())))
            .collect();
        if parts.is_empty() {
            graph.lost.push(Lost {
                place: at.clone(),
                what: format!("the unit {id} has no text (no seg edge names it)"),
            });
            continue;
        }
        index.insert(id, graph.claims.len());
        graph.claims.push(Claim {
            key: format!("{graph_id} {id} ({kind})"),
            text: parts.iter().map(|(_, t)| *t).collect::<Vec<_>>().join(" "),
            cites: parts
                .iter()
                .map(|(n, t)| (*n, Some((*t).to_string())))
                .collect(),
            example: false,
            raised: kind == "opp",
            place: at.clone(),
            ..Claim::default()
        });
    }
    let by_id: HashMap<&str, &Edge> = edges.iter().map(|e| (e.id.as_str(), e)).collect();
    // `add` edges join a unit to another's support: linked premises.
    let mut added: HashMap<&str, Vec<usize>> = HashMap::new();
    for e in edges.iter().filter(|e| e.kind == "add") {
        match index.get(e.src.as_str()) {
            Some(&c) => added.entry(e.trg.as_str()).or_default().push(c),
            None => graph.lost.push(Lost {
                place: e.at.clone(),
                what: format!("the add edge {} names no unit with text", e.id),
            }),
        }
    }
    for e in edges {
        relate(&mut graph, e, &index, &by_id, &mut added);
    }
    // The central claim (the unit nothing leads from) annotated as the opponent's: the map's
    // thesis is then the position the text argues against.
    for root in graph.roots() {
        if graph.claims[root].raised {
            graph.notes.push(Lost {
                place: graph.claims[root].place.clone(),
                what: format!(
                    "the central claim {} is annotated as the opponent's (type=\"opp\"): it is the map's thesis, so the map's side is the opponent's",
                    graph.claims[root].key
                ),
            });
        }
    }
    for (edge, _) in added {
        graph.lost.push(Lost {
            place: by_id.get(edge).map_or_else(String::new, |e| e.at.clone()),
            what: format!("an add edge joins {edge}, which is no support"),
        });
    }
    Ok(graph)
}

/// The relation of edge `e` (a support, an example, a rebuttal, an undercut), with the units
/// `added` to it (a linked support, or a linked attack written as supports of the attacker).
fn relate<'e>(
    graph: &mut Graph,
    e: &'e Edge,
    index: &HashMap<&str, usize>,
    by_id: &HashMap<&str, &'e Edge>,
    added: &mut HashMap<&str, Vec<usize>>,
) {
    let bears = match e.kind.as_str() {
        "seg" | "add" => return,
        "sup" | "exa" => Bears::Supports,
        "reb" => Bears::Attacks,
        "und" => Bears::Undercuts,
        other => {
            graph.lost.push(Lost {
                place: e.at.clone(),
                what: format!(
                    "the edge {} has a type argwalk does not know: {other}",
                    e.id
                ),
            });
            return;
        }
    };
    let Some(&from) = index.get(e.src.as_str()) else {
        graph.lost.push(Lost {
            place: e.at.clone(),
            what: format!("the edge {} starts at {}, no unit with text", e.id, e.src),
        });
        return;
    };
    // An undercut targets an edge: the step from that edge's source.
    let to = if bears == Bears::Undercuts {
        by_id
            .get(e.trg.as_str())
            .and_then(|t| index.get(t.src.as_str()))
    } else {
        index.get(e.trg.as_str())
    };
    let Some(&to) = to else {
        graph.lost.push(Lost {
            place: e.at.clone(),
            what: format!(
                "the edge {} points at {}, which argwalk cannot find",
                e.id, e.trg
            ),
        });
        return;
    };
    if e.kind == "exa" {
        graph.claims[from].example = true;
    }
    let with = added.remove(e.id.as_str()).unwrap_or_default();
    // A linked attack (`add` on a rebut or an undercut): argwalk links supports only, so
    // each unit added supports the attacker, in the same map, and is said so.
    if bears != Bears::Supports {
        for &w in &with {
            linked_attack(graph, e, from, w);
        }
    }
    let with = if bears == Bears::Supports {
        with
    } else {
        Vec::new()
    };
    // The added premises support the same claim: a relation of their own, linked back.
    for &w in &with {
        let mut others: Vec<usize> = with.iter().copied().filter(|&o| o != w).collect();
        others.push(from);
        graph.relations.push(Relation {
            from: w,
            to,
            bears: Bears::Supports,
            with: others,
            place: e.at.clone(),
            scheme: None,
        });
    }
    graph.relations.push(Relation {
        from,
        to,
        bears,
        with,
        place: e.at.clone(),
        scheme: None,
    });
}

/// Unit `w`, added by an `add` edge to the attack `e` of `from` (a linked attack): argwalk
/// links supports only, so it is written as supporting the attacker, in the same map, and
/// said so in its note and in the import's notes.
fn linked_attack(graph: &mut Graph, e: &Edge, from: usize, w: usize) {
    let attacker = graph.claims[from].key.clone();
    graph.claims[w].note = Some(format!(
        "In the source it attacks together with {attacker} (a linked attack); argwalk links supports only, so it is written as supporting it."
    ));
    graph.notes.push(Lost {
            place: e.at.clone(),
            what: format!(
                "a linked attack ({} joined to the {} edge {}): the unit added is written as supporting the attacker",
                graph.claims[w].key, e.kind, e.id
            ),
        });
    graph.relations.push(Relation {
        from: w,
        to: from,
        bears: Bears::Supports,
        with: Vec::new(),
        place: e.at.clone(),
        scheme: None,
    });
}
