//! AIF JSON, as AIFdb, OVA and argwalk write it: I-nodes (claims), RA nodes (inferences: each
//! premise an edge in, the conclusion an edge out; several premises are linked), CA nodes
//! (conflicts: on an I-node an attack, on an RA node an undercut), and L-nodes (what was said)
//! tied to the claims they assert by YA nodes. The L-nodes, in order, are the article; without
//! them each claim is a paragraph of its own.

use std::collections::HashMap;

use serde_json::Value;

use super::graph::{Bears, Claim, Graph, Lost, Relation};

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Reads one AIF nodeset.
pub(crate) fn read(text: &str, name: &str) -> Result<Graph, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "{name}: not JSON at line {}, column {}: {e}",
            e.line(),
            e.column()
        )
    })?;
    let (Some(nodes), Some(edges)) = (rows(&doc["nodes"]), rows(&doc["edges"])) else {
        return Err(format!(
            "{name}: no \"nodes\" and \"edges\" (as arrays of objects, or in columns): this is not AIF JSON"
        ));
    };
    let mut graph = source_of(&doc, name);
    let set = Nodeset::of(&nodes, &edges, &mut graph.lost);
    let locutions = set.locutions(&doc, &mut graph);
    let transitions = set.nodes.iter().filter(|n| n["type"] == "TA").count();
    if transitions > 0 {
        graph.lost.push(Lost {
            place: "the nodeset".into(),
            what: format!(
                "{transitions} transitions between locutions (TA nodes): argwalk keeps what was claimed and how the claims bear on one another, not the order of the dialogue's moves"
            ),
        });
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, n) in set.nodes.iter().enumerate() {
        if let Some(claim) = set.claim(i, n, &locutions, &mut graph) {
            index.insert(text_of(&n["nodeID"]), graph.claims.len());
            graph.claims.push(claim);
        }
    }
    for (i, n) in set.nodes.iter().enumerate() {
        set.inference(i, n, &index, &mut graph);
    }
    if graph.claims.is_empty() {
        return Err(format!("{name}: no I-node: nothing is claimed"));
    }
    Ok(graph)
}

/// Where node `i` is, or edge `i`, for what is said of it.
fn place(i: usize, what: &str) -> String {
    format!("{what} {}", i + 1)
}

/// The graph's source: its title and the rest, as argwalk's own export gives them, else the
/// file's name.
fn source_of(doc: &Value, name: &str) -> Graph {
    Graph {
        title: doc["argwalkTitle"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| {
                std::path::Path::new(name)
                    .file_stem()
                    .map_or_else(|| name.to_string(), |s| s.to_string_lossy().into_owned())
            }),
        author: doc["argwalkAuthor"].as_str().map(str::to_string),
        publisher: doc["argwalkPublisher"].as_str().map(str::to_string),
        date: doc["argwalkDate"].as_str().map(str::to_string),
        url: doc["argwalkUrl"].as_str().map(str::to_string),
        outside: doc["argwalkOutside"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_u64().and_then(|p| usize::try_from(p).ok()))
            .collect(),
        ..Graph::default()
    }
}

/// A nodeset's nodes and edges, each node's type, and the edges by the node they lead into
/// and out of.
struct Nodeset<'a> {
    nodes: &'a [Value],
    /// Node id -> (type, index in `nodes`).
    kind: HashMap<String, (String, usize)>,
    into: HashMap<String, Vec<String>>,
    out_of: HashMap<String, Vec<String>>,
}

/// How an I-node was asserted: the paragraphs of its locutions, who said it first, and how
/// it was put forward when not as a plain assertion (a question, a challenge).
struct Assertion {
    cites: Vec<(usize, Option<String>)>,
    said_by: Option<String>,
    illocutions: Vec<String>,
}

/// The article the locutions make: each L-node's paragraph and speaker.
struct Locutions {
    paragraph_of: HashMap<String, usize>,
    speaker_of: HashMap<String, String>,
}

impl<'a> Nodeset<'a> {
    /// The nodes and edges, an edge that names no node said in `lost`.
    fn of(nodes: &'a [Value], edges: &[Value], lost: &mut Vec<Lost>) -> Self {
        let mut kind: HashMap<String, (String, usize)> = HashMap::new();
        for (i, n) in nodes.iter().enumerate() {
            kind.insert(
                text_of(&n["nodeID"]),
                (n["type"].as_str().unwrap_or_default().to_string(), i),
            );
        }
        let mut into: HashMap<String, Vec<String>> = HashMap::new();
        let mut out_of: HashMap<String, Vec<String>> = HashMap::new();
        for (i, e) in edges.iter().enumerate() {
            let (from, to) = (text_of(&e["fromID"]), text_of(&e["toID"]));
            if !kind.contains_key(&from) || !kind.contains_key(&to) {
                lost.push(Lost {
                    place: place(i, "edge"),
                    what: format!("an edge from {from} to {to}, which names no node"),
                });
                continue;
            }
            into.entry(to.clone()).or_default().push(from.clone());
            out_of.entry(from).or_default().push(to);
        }
        Nodeset {
            nodes,
            kind,
            into,
            out_of,
        }
    }

    /// The type of node `id` (`""` when there is none).
    fn type_of(&self, id: &str) -> &str {
        self.kind.get(id).map_or("", |(t, _)| t.as_str())
    }

    /// The article: the L-nodes in document order, each said once (an analyst's copy of a
    /// locution, the same words again, is the same paragraph); each I-node cites the
    /// paragraphs that assert it (L -> YA -> I). Who said each (a dialogue's speaker) is the
    /// claim's `by`.
    /// (argwalk's own export names the author as its one participant, and says `by` itself.)
    fn locutions(&self, doc: &Value, graph: &mut Graph) -> Locutions {
        let own = doc["argwalkTitle"].is_string();
        let speakers = if own { HashMap::new() } else { speakers(doc) };
        let mut paragraph_of: HashMap<String, usize> = HashMap::new();
        let mut speaker_of: HashMap<String, String> = HashMap::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        for n in self.nodes.iter().filter(|n| n["type"] == "L") {
            let id = text_of(&n["nodeID"]);
            let text = text_of(&n["text"]);
            let (who, said) = if own {
                (None, text.as_str())
            } else {
                split_speaker(&text)
            };
            if let Some(who) = speakers.get(&id).cloned().or(who) {
                speaker_of.insert(id.clone(), who);
            }
            let key = said.split_whitespace().collect::<Vec<_>>().join(" ");
            let at = *seen.entry(key).or_insert_with(|| {
                graph.paragraphs.push(text.clone());
                graph.paragraphs.len()
            });
            paragraph_of.insert(id, at);
        }
        Locutions {
            paragraph_of,
            speaker_of,
        }
    }

    /// Node `i` as a claim, if it is an I-node: the paragraphs that assert it (L -> YA -> I),
    /// its speaker, how it was put forward when not as a plain assertion; a node of a type
    /// argwalk does not read, said in `graph`.
    fn claim(
        &self,
        i: usize,
        n: &Value,
        locutions: &Locutions,
        graph: &mut Graph,
    ) -> Option<Claim> {
        let lost = &mut graph.lost;
        let id = text_of(&n["nodeID"]);
        match n["type"].as_str().unwrap_or_default() {
            "I" => {}
            "RA" | "CA" | "L" | "YA" | "TA" => return None,
            other => {
                lost.push(Lost {
                    place: place(i, "node"),
                    what: format!(
                        "the {other} node {id} (argwalk reads I, RA, CA, L, YA and TA nodes)"
                    ),
                });
                return None;
            }
        }
        let text = text_of(&n["text"]);
        let props = &n["properties"];
        // Paragraphs asserting it; with no locutions, a paragraph of its own. Its speaker,
        // and how it was put forward when not as a plain assertion (a question, a challenge).
        let Assertion {
            mut cites,
            said_by,
            illocutions,
        } = self.assertion(&id, locutions);
        // argwalk's own export carries the exact quotes; elsewhere the claim's text is quoted
        // when the paragraph says it word for word.
        let quotes: Vec<(usize, String)> = props["quotes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|q| {
                Some((
                    usize::try_from(q["paragraph"].as_u64()?).ok()?,
                    q["text"].as_str()?.to_string(),
                ))
            })
            .collect();
        // (argwalk's own export says its quotes, even none: nothing is guessed then.)
        if quotes.is_empty() && !props["quotes"].is_array() {
            for c in &mut cites {
                if graph.paragraphs[c.0 - 1].contains(text.trim()) && !text.trim().is_empty() {
                    c.1 = Some(text.trim().to_string());
                }
            }
        } else {
            // Each quote is its own citation, then the paragraphs cited without one.
            let quoted: Vec<usize> = quotes.iter().map(|q| q.0).collect();
            cites.retain(|c| !quoted.contains(&c.0));
            let mut all: Vec<(usize, Option<String>)> =
                quotes.into_iter().map(|(p, q)| (p, Some(q))).collect();
            all.extend(cites);
            cites = all;
        }
        if locutions.paragraph_of.is_empty() {
            graph.paragraphs.push(text.clone());
            cites = vec![(graph.paragraphs.len(), Some(text.trim().to_string()))];
        }
        Some(Claim {
            key: format!("I-node {id}"),
            text,
            cites,
            example: props["kind"] == "evidence",
            raised: props["raised"] == true,
            conceded: props["conceded"] == true,
            place: place(i, "node"),
            id: n["argwalkID"].as_str().map(str::to_string),
            merged: false,
            label: props["label"].as_str().map(str::to_string),
            by: props["by"].as_str().map(str::to_string).or(said_by),
            note: match (props["note"].as_str(), illocutions.is_empty()) {
                (note, true) => note.map(str::to_string),
                (note, false) => Some(
                    note.map(|n| format!("{n} ")).unwrap_or_default()
                        + &format!("Put forward by {}.", illocutions.join(", ").to_lowercase()),
                ),
            },
            tags: props["tags"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            implicit: props["implicit"] == true,
            answers: props["answers"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_string))
                .collect(),
        })
    }

    /// How I-node `id` was asserted (L -> YA -> I).
    fn assertion(&self, id: &str, locutions: &Locutions) -> Assertion {
        let mut cites: Vec<(usize, Option<String>)> = Vec::new();
        let mut said_by: Option<String> = None;
        let mut illocutions: Vec<String> = Vec::new();
        for ya in self
            .into
            .get(id)
            .into_iter()
            .flatten()
            .filter(|y| self.type_of(y) == "YA")
        {
            let force = self
                .kind
                .get(ya.as_str())
                .map(|(_, i)| text_of(&self.nodes[*i]["text"]))
                .unwrap_or_default();
            if !force.is_empty() && force != "Asserting" && !illocutions.contains(&force) {
                illocutions.push(force);
            }
            for l in self.into.get(ya).into_iter().flatten() {
                if let Some(&p) = locutions.paragraph_of.get(l) {
                    if !cites.iter().any(|c| c.0 == p) {
                        cites.push((p, None));
                    }
                    if said_by.is_none() {
                        said_by = locutions.speaker_of.get(l).cloned();
                    }
                }
            }
        }
        Assertion {
            cites,
            said_by,
            illocutions,
        }
    }

    /// Node `i` as the relations it makes, if it is an RA (a support, its premises linked) or
    /// a CA (an attack, or an undercut of an inference).
    fn inference(&self, i: usize, n: &Value, index: &HashMap<String, usize>, graph: &mut Graph) {
        let id = text_of(&n["nodeID"]);
        let t = n["type"].as_str().unwrap_or_default();
        if t != "RA" && t != "CA" {
            return;
        }
        let at = place(i, "node");
        let sources: Vec<usize> = self
            .into
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|s| index.get(s).copied())
            .collect();
        let targets = self.out_of.get(&id).cloned().unwrap_or_default();
        let [target] = targets.as_slice() else {
            graph.lost.push(Lost {
                place: at,
                what: format!(
                    "the {t} node {id} leads to {} nodes, not one",
                    targets.len()
                ),
            });
            return;
        };
        let (bears, to) = match (t, self.type_of(target)) {
            ("RA", "I") => (Bears::Supports, index.get(target).copied()),
            ("CA", "I") => (Bears::Attacks, index.get(target).copied()),
            // A conflict with an inference undercuts it: the step from its first premise (the
            // others are linked with it), or from the attacker of a conflict.
            ("CA", "RA" | "CA") => (
                Bears::Undercuts,
                self.into
                    .get(target)
                    .into_iter()
                    .flatten()
                    .find_map(|s| index.get(s).copied()),
            ),
            (_, other) => {
                graph.lost.push(Lost {
                    place: at,
                    what: format!("the {t} node {id} leads to a {other} node"),
                });
                return;
            }
        };
        let Some(to) = to else {
            graph.lost.push(Lost {
                place: at,
                what: format!("the {t} node {id} leads to nothing argwalk keeps"),
            });
            return;
        };
        if sources.is_empty() {
            graph.lost.push(Lost {
                place: at.clone(),
                what: format!("the {t} node {id} has no premise"),
            });
        }
        // The inference's scheme: argwalk's key, or a scheme named as AIFdb names its RA nodes.
        let scheme = n["argwalkScheme"]
            .as_str()
            .and_then(crate::map::schemes::find)
            .or_else(|| {
                let text = n["text"].as_str()?.to_lowercase();
                crate::map::schemes::SCHEMES.iter().find(|s| s.name == text)
            })
            .map(|s| s.key);
        for &from in &sources {
            let with = if bears == Bears::Supports {
                sources.iter().copied().filter(|&o| o != from).collect()
            } else {
                Vec::new()
            };
            graph.relations.push(Relation {
                from,
                to,
                bears,
                with,
                place: at.clone(),
                scheme,
            });
        }
    }
}

/// The rows of an AIF table: an array of objects, or the same in columns, as tables are often
/// written out (`{"nodeID": ["1", "2"], "text": [...]}`, or `{"nodeID": {"0": "1", "1": "2"}}`).
fn rows(table: &Value) -> Option<std::borrow::Cow<'_, [Value]>> {
    // An array is read where it is; only columns are turned into rows.
    if let Some(rows) = table.as_array() {
        return Some(std::borrow::Cow::Borrowed(rows));
    }
    let columns = table.as_object()?;
    let mut out: Vec<serde_json::Map<String, Value>> = Vec::new();
    for (name, column) in columns {
        let cells: Vec<(usize, &Value)> = match column {
            Value::Array(cells) => cells.iter().enumerate().collect(),
            Value::Object(cells) => cells
                .iter()
                .filter_map(|(k, v)| Some((k.parse::<usize>().ok()?, v)))
                .collect(),
            _ => return None,
        };
        // A row number far past the cells given is no table: a hostile file's, refused.
        let most = cells.len().saturating_mul(2).saturating_add(1024);
        for (row, cell) in cells {
            if row >= most {
                return None;
            }
            if out.len() <= row {
                out.resize_with(row + 1, serde_json::Map::new);
            }
            out[row].insert(name.clone(), cell.clone());
        }
    }
    Some(std::borrow::Cow::Owned(
        out.into_iter().map(Value::Object).collect(),
    ))
}

/// Each locution's speaker, by its L-node's id: from `locutions` (`personID`) and
/// `participants` (`firstname`, `surname`), as AIFdb's dialogue corpora give them.
fn speakers(doc: &Value) -> HashMap<String, String> {
    let people: HashMap<String, String> = rows(&doc["participants"])
        .unwrap_or_default()
        .iter()
        .map(|p| {
            let name = [text_of(&p["firstname"]), text_of(&p["surname"])]
                .iter()
                .filter(|n| !n.trim().is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            (text_of(&p["participantID"]), name)
        })
        .filter(|(_, name)| !name.is_empty())
        .collect();
    rows(&doc["locutions"])
        .unwrap_or_default()
        .iter()
        .filter_map(|l| {
            let who = people.get(&text_of(&l["personID"]))?;
            Some((text_of(&l["nodeID"]), who.clone()))
        })
        .collect()
}

/// "Alice Smith : we should act" as its speaker and its words, as dialogue corpora write
/// locutions; a text without a speaker's name before a colon is all words.
fn split_speaker(text: &str) -> (Option<String>, &str) {
    match text.split_once(" : ").or_else(|| text.split_once(": ")) {
        Some((who, said))
            if !who.is_empty()
                && who.split_whitespace().count() <= 4
                && who.starts_with(char::is_uppercase)
                && who.chars().all(|c| {
                    c.is_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '\''
                }) =>
        {
            (Some(who.trim().to_string()), said)
        }
        _ => (None, text),
    }
}
