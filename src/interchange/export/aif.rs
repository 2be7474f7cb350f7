//! The map in AIF JSON, as AIFdb and OVA read it: each node an I-node (information), each
//! support an RA node (rule of inference) and each attack a CA node (conflict) between them,
//! with the edges running from premise to scheme node to conclusion.

use serde_json::{Value, json};

use crate::map::model::{ArgumentMap, Link};

pub fn render(map: &ArgumentMap) -> String {
    let mut aif = Aif::default();
    for n in &map.nodes {
        aif.i_node(n);
    }
    aif.inferences(map);
    let locutions = aif.locutions(map);
    // AIFdb's importer expects every key of its corpora's files, `schemefulfillments` among
    // them (which node fulfils which named scheme): argwalk names none, so it is empty.
    let doc = json!({
        "nodes": aif.nodes,
        "edges": aif.edges,
        "argwalkTitle": map.source.title,
        "argwalkAuthor": map.source.author,
        "argwalkPublisher": map.source.publisher,
        "argwalkDate": map.source.date,
        "argwalkUrl": map.source.url,
        "argwalkOutside": map.source.paragraphs.iter().filter(|p| p.outside).map(|p| p.number).collect::<Vec<_>>(),
        "locutions": locutions,
        "participants": [{"participantID": "1", "firstname": "The", "surname": "author"}],
        "schemefulfillments": [],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// The id of the I-node of map node `ix`: the I-nodes come first, in the map's order.
fn i_node(ix: usize) -> String {
    format!("{}", ix + 1)
}

/// The AIF graph being written: its nodes (a node's id is its place among them, from 1) and
/// its edges (likewise).
#[derive(Default)]
struct Aif {
    nodes: Vec<Value>,
    edges: Vec<Value>,
}

impl Aif {
    /// The id the next node pushed gets.
    fn next_id(&self) -> String {
        (self.nodes.len() + 1).to_string()
    }

    fn edge(&mut self, from: String, to: String) {
        let id = (self.edges.len() + 1).to_string();
        self.edges
            .push(json!({"edgeID": id, "fromID": from, "toID": to, "formEdgeID": null}));
    }

    /// A map node as an I-node. The text is the author's claim, as written; what argwalk
    /// knows about it goes in properties beside it, where AIF tools keep a node's extra
    /// fields.
    fn i_node(&mut self, n: &crate::map::model::Node) {
        let id = self.next_id();
        self.nodes.push(json!({
            "nodeID": id,
            "text": n.text,
            "type": "I",
            "timestamp": "",
            "argwalkID": n.id,
            "properties": {
                "kind": n.kind.name(),
                "label": n.label,
                "by": n.by,
                "note": n.note,
                "tags": n.tags,
                "conceded": n.conceded,
                "implicit": n.implicit,
                "raised": n.raised,
                "answers": n.answers,
                "quotes": n.citations.iter().filter_map(|c| c.quote.as_ref()).map(|q| json!({"paragraph": q.paragraph, "text": q.text})).collect::<Vec<_>>(),
            },
        }));
    }

    /// An inference named by its scheme, as AIFdb names its RA nodes ("Argument From Expert
    /// Opinion"), with argwalk's key of it beside, which `import --from aif` reads back.
    fn scheme(&mut self, kind: Link, named: Option<&crate::map::schemes::Scheme>) -> String {
        let id = self.next_id();
        let (t, text) = match kind {
            Link::Supports => ("RA", "Default Inference"),
            Link::Attacks => ("CA", "Default Conflict"),
        };
        match named {
            Some(s) => self.nodes.push(json!({"nodeID": id, "text": title_case(s.name), "type": t, "timestamp": "", "argwalkScheme": s.key})),
            None => self.nodes.push(json!({"nodeID": id, "text": text, "type": t, "timestamp": ""})),
        }
        id
    }

    /// Each tree link's RA or CA node: a linked group shares one RA (one inference with
    /// several premises), and an undercut's CA points at the RA (or CA) of the step it
    /// attacks; each cross-link an RA or CA of its own.
    fn inferences(&mut self, map: &ArgumentMap) {
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
                    let id = self.scheme(kind, map.scheme_of(ix));
                    let target = if n.undercuts {
                        inference[p].clone().unwrap_or_else(|| i_node(p))
                    } else {
                        i_node(p)
                    };
                    self.edge(id.clone(), target);
                    id
                }
            };
            self.edge(i_node(ix), id.clone());
            inference[ix] = Some(id);
            for &(to, kind) in &n.also {
                let id = self.scheme(kind, None);
                self.edge(i_node(ix), id.clone());
                self.edge(id, i_node(to));
            }
        }
    }

    /// The article as locutions: an L-node a paragraph, and from each paragraph a YA node
    /// ("Asserting") to each node that cites it, as AIFdb ties what was said to what it
    /// asserts. `argwalk import --from aif` reads the article and the citations back from
    /// them. The locutions' table, said by the author.
    fn locutions(&mut self, map: &ArgumentMap) -> Vec<Value> {
        let mut locutions = Vec::new();
        let mut l_node = Vec::with_capacity(map.source.paragraphs.len());
        for p in &map.source.paragraphs {
            let id = self.next_id();
            self.nodes
                .push(json!({"nodeID": id, "text": p.text, "type": "L", "timestamp": ""}));
            locutions.push(json!({"nodeID": id, "personID": "1", "timestamp": "", "start": null, "end": null, "source": null}));
            l_node.push(id);
        }
        for &ix in &map.walk {
            let mut cited: Vec<usize> = map.nodes[ix]
                .citations
                .iter()
                .flat_map(|c| c.paragraphs())
                .collect();
            cited.dedup();
            for p in cited {
                let Some(l) = l_node.get(p.wrapping_sub(1)) else {
                    continue;
                };
                let ya = self.next_id();
                self.nodes.push(
                    json!({"nodeID": ya, "text": "Asserting", "type": "YA", "timestamp": ""}),
                );
                self.edge(l.clone(), ya.clone());
                self.edge(ya, i_node(ix));
            }
        }
        locutions
    }
}

/// "Argument From Expert Opinion": a scheme's name as AIFdb writes its RA nodes.
fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}
