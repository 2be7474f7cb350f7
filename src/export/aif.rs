//! The map in AIF JSON, as AIFdb and OVA read it: each node an I-node (information), each
//! support an RA node (rule of inference) and each attack a CA node (conflict) between them,
//! with the edges running from premise to scheme node to conclusion.

use serde_json::{Value, json};

use crate::model::{ArgumentMap, Link};

pub fn render(map: &ArgumentMap) -> String {
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let i_node = |ix: usize| format!("{}", ix + 1);
    for (ix, n) in map.nodes.iter().enumerate() {
        // The text is the author's claim, as written; what argwalk knows about it goes in
        // properties beside it, where AIF tools keep a node's extra fields.
        nodes.push(json!({
            "nodeID": i_node(ix),
            "text": n.text,
            "type": "I",
            "timestamp": "",
            "argwalkID": n.id,
            "properties": {
                "conceded": n.conceded,
                "implicit": n.implicit,
            },
        }));
    }
    let mut next = map.nodes.len() + 1;
    let mut edge_id = 1;
    let mut link =
        |from: usize, to: usize, kind: Link, nodes: &mut Vec<Value>, edges: &mut Vec<Value>| {
            let scheme = next.to_string();
            next += 1;
            let (t, text) = match kind {
                Link::Supports => ("RA", "Default Inference"),
                Link::Attacks => ("CA", "Default Conflict"),
            };
            nodes.push(json!({"nodeID": scheme, "text": text, "type": t, "timestamp": ""}));
            for (a, b) in [(i_node(from), scheme.clone()), (scheme, i_node(to))] {
                edges.push(
                json!({"edgeID": edge_id.to_string(), "fromID": a, "toID": b, "formEdgeID": null}),
            );
                edge_id += 1;
            }
        };
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        if let Some(p) = n.parent {
            let kind = if n.role.attacks() {
                Link::Attacks
            } else {
                Link::Supports
            };
            link(ix, p, kind, &mut nodes, &mut edges);
        }
        for &(to, kind) in &n.also {
            link(ix, to, kind, &mut nodes, &mut edges);
        }
    }
    // AIFdb's importer expects every key of its corpora's files, `schemefulfillments` among
    // them (which node fulfils which named scheme): argwalk names none, so it is empty.
    let doc = json!({
        "nodes": nodes,
        "edges": edges,
        "locutions": [],
        "participants": [],
        "schemefulfillments": [],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
