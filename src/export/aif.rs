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
                "raised": n.raised,
            },
        }));
    }
    let mut next = map.nodes.len() + 1;
    let mut edge_id = 1;
    let mut edge = |from: String, to: String, edges: &mut Vec<Value>| {
        edges.push(
            json!({"edgeID": edge_id.to_string(), "fromID": from, "toID": to, "formEdgeID": null}),
        );
        edge_id += 1;
    };
    let mut scheme = |kind: Link, nodes: &mut Vec<Value>| {
        let id = next.to_string();
        next += 1;
        let (t, text) = match kind {
            Link::Supports => ("RA", "Default Inference"),
            Link::Attacks => ("CA", "Default Conflict"),
        };
        nodes.push(json!({"nodeID": id, "text": text, "type": t, "timestamp": ""}));
        id
    };
    // Each tree link's RA or CA node: a linked group shares one RA (one inference with
    // several premises), and an undercut's CA points at the RA (or CA) of the step it attacks.
    let mut inference: Vec<Option<String>> = vec![None; map.nodes.len()];
    for &ix in &map.walk {
        let n = &map.nodes[ix];
        let Some(p) = n.parent else { continue };
        let shared = n.linked.iter().find_map(|&l| inference[l].clone());
        let id = match shared {
            Some(id) => id,
            None => {
                let kind = if n.role.attacks() {
                    Link::Attacks
                } else {
                    Link::Supports
                };
                let id = scheme(kind, &mut nodes);
                let target = if n.undercuts {
                    inference[p].clone().unwrap_or_else(|| i_node(p))
                } else {
                    i_node(p)
                };
                edge(id.clone(), target, &mut edges);
                id
            }
        };
        edge(i_node(ix), id.clone(), &mut edges);
        inference[ix] = Some(id);
        for &(to, kind) in &n.also {
            let id = scheme(kind, &mut nodes);
            edge(i_node(ix), id.clone(), &mut edges);
            edge(id, i_node(to), &mut edges);
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
