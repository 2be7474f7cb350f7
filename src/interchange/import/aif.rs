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
    let (Some(nodes), Some(edges)) = (doc["nodes"].as_array(), doc["edges"].as_array()) else {
        return Err(format!(
            "{name}: no \"nodes\" and \"edges\" arrays: this is not AIF JSON"
        ));
    };
    let place = |i: usize, what: &str| format!("{what} {}", i + 1);
    let mut graph = Graph {
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
    };
    // Node id -> (type, text, index in `nodes`).
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
            graph.lost.push(Lost {
                place: place(i, "edge"),
                what: format!("an edge from {from} to {to}, which names no node"),
            });
            continue;
        }
        into.entry(to.clone()).or_default().push(from.clone());
        out_of.entry(from).or_default().push(to);
    }
    let type_of = |id: &str| kind.get(id).map_or("", |(t, _)| t.as_str());
    // The article: the L-nodes in document order; each I-node cites the paragraphs that
    // assert it (L -> YA -> I).
    let mut paragraph_of: HashMap<String, usize> = HashMap::new();
    for n in nodes.iter().filter(|n| n["type"] == "L") {
        paragraph_of.insert(text_of(&n["nodeID"]), graph.paragraphs.len() + 1);
        graph.paragraphs.push(text_of(&n["text"]));
    }
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, n) in nodes.iter().enumerate() {
        let id = text_of(&n["nodeID"]);
        match n["type"].as_str().unwrap_or_default() {
            "I" => {}
            "RA" | "CA" | "L" | "YA" | "TA" => continue,
            other => {
                graph.lost.push(Lost {
                    place: place(i, "node"),
                    what: format!(
                        "the {other} node {id} (argwalk reads I, RA, CA, L, YA and TA nodes)"
                    ),
                });
                continue;
            }
        }
        let text = text_of(&n["text"]);
        let props = &n["properties"];
        // Paragraphs asserting it; with no locutions, a paragraph of its own.
        let mut cites: Vec<(usize, Option<String>)> = Vec::new();
        for ya in into
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|y| type_of(y) == "YA")
        {
            for l in into.get(ya).into_iter().flatten() {
                if let Some(&p) = paragraph_of.get(l) {
                    cites.push((p, None));
                }
            }
        }
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
        if paragraph_of.is_empty() {
            graph.paragraphs.push(text.clone());
            cites = vec![(graph.paragraphs.len(), Some(text.trim().to_string()))];
        }
        index.insert(id.clone(), graph.claims.len());
        graph.claims.push(Claim {
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
            by: props["by"].as_str().map(str::to_string),
            note: props["note"].as_str().map(str::to_string),
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
        });
    }
    for (i, n) in nodes.iter().enumerate() {
        let id = text_of(&n["nodeID"]);
        let t = n["type"].as_str().unwrap_or_default();
        if t != "RA" && t != "CA" {
            continue;
        }
        let at = place(i, "node");
        let sources: Vec<usize> = into
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|s| index.get(s).copied())
            .collect();
        let targets = out_of.get(&id).cloned().unwrap_or_default();
        let [target] = targets.as_slice() else {
            graph.lost.push(Lost {
                place: at,
                what: format!(
                    "the {t} node {id} leads to {} nodes, not one",
                    targets.len()
                ),
            });
            continue;
        };
        let (bears, to) = match (t, type_of(target)) {
            ("RA", "I") => (Bears::Supports, index.get(target).copied()),
            ("CA", "I") => (Bears::Attacks, index.get(target).copied()),
            // A conflict with an inference undercuts it: the step from its first premise (the
            // others are linked with it), or from the attacker of a conflict.
            ("CA", "RA" | "CA") => (
                Bears::Undercuts,
                into.get(target)
                    .into_iter()
                    .flatten()
                    .find_map(|s| index.get(s).copied()),
            ),
            (_, other) => {
                graph.lost.push(Lost {
                    place: at,
                    what: format!("the {t} node {id} leads to a {other} node"),
                });
                continue;
            }
        };
        let Some(to) = to else {
            graph.lost.push(Lost {
                place: at,
                what: format!("the {t} node {id} leads to nothing argwalk keeps"),
            });
            continue;
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
    if graph.claims.is_empty() {
        return Err(format!("{name}: no I-node: nothing is claimed"));
    }
    Ok(graph)
}
