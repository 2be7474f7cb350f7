//! The JSON Schema of the map format, for TOML editors that read `#:schema` (taplo, Even Better
//! TOML, Helix and Neovim through taplo): key completion and type errors as the author types.
//!
//! It is built from the loader's own tables of keys (`format`), with each key's type and help
//! from [`key`] below: a key the loader reads but the schema does not describe fails a test,
//! so the two cannot drift apart.

use serde_json::{Value, json};

use crate::map::format::{SOURCE_KEYS, link_key, node_keys};
use crate::map::model::Kind;

/// The schema of one key, with the words an editor shows for it.
fn key(name: &str) -> Option<Value> {
    let paragraph_range = json!({
        "type": "string",
        "pattern": "^\\s*[0-9]+\\s*[-–]\\s*[0-9]+\\s*$",
        "description": "paragraphs first to last, as \"7-9\""
    });
    let paragraphs = json!({"anyOf": [
        {"type": "integer", "minimum": 1, "description": "a paragraph number, from 1"},
        paragraph_range
    ]});
    let id_pattern = "^[\\p{L}\\p{N}_.-]+$";
    Some(match name {
        "title" => {
            json!({"type": "string", "minLength": 1, "description": "The article's headline (required)."})
        }
        "author" => json!({"type": "string", "description": "Who wrote the article."}),
        "publisher" => json!({"type": "string", "description": "Where it was published."}),
        "date" => json!({"anyOf": [{"type": "string"}, {"type": "string", "format": "date"}],
            "description": "When it was published: a TOML date (2024-05-01) or a string."}),
        "url" => json!({"type": "string", "description": "Where the article is online."}),
        "text_file" => json!({"type": "string", "minLength": 1,
            "description": "The article as plain text beside the map, paragraphs separated by blank lines. Give this or `paragraphs`."}),
        "paragraphs" => {
            json!({"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
            "description": "The article inline, one string a paragraph. Give this or `text_file`."})
        }
        "outside" => json!({"type": "array", "items": paragraphs,
            "description": "Paragraphs that are not part of the argument (captions, bylines, disclaimers)."}),
        "id" => json!({"type": "string", "pattern": id_pattern,
            "description": "A unique name: letters, digits, '-', '_' and '.' (required)."}),
        "text" => {
            json!({"type": "string", "minLength": 1, "description": "The claim, in the author's words or yours (required)."})
        }
        "label" => {
            json!({"type": "string", "minLength": 1, "description": "A short name for the tree."})
        }
        "supports" => json!({"anyOf": [
                {"type": "string", "pattern": id_pattern},
                {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": id_pattern}}
            ], "description": "The id of the node this one supports, or a list: the first places it in the tree, the others are cross-links."}),
        "attacks" => json!({"anyOf": [
                {"type": "string", "pattern": id_pattern},
                {"type": "array", "minItems": 1, "items": {"type": "string", "pattern": id_pattern}}
            ], "description": "The id of the node this one argues against, or a list (on a premise: the objections it answers)."}),
        "by" => {
            json!({"type": "string", "minLength": 1, "description": "Who makes this claim, when it is not the article's author."})
        }
        "with" => {
            json!({"type": "array", "minItems": 1, "items": {"type": "string", "pattern": id_pattern},
            "description": "The premises (or evidence) this one supports its claim together with: linked, one inference."})
        }
        "undercuts" => json!({"type": "string", "pattern": id_pattern,
            "description": "Instead of `attacks`: the id of a node whose step to its claim this counterpoint attacks (an undercut)."}),
        "scheme" => json!({"type": "string",
            "enum": crate::map::schemes::SCHEMES.iter().map(|s| s.key).collect::<Vec<_>>(),
            "description": "The argumentation scheme of this node's step to its claim, or of its attack (Walton, Reed and Macagno 2008): its critical questions are listed in the reader."}),
        "answers" => json!({"type": "array", "minItems": 1, "items": {"type": "string"},
            "description": "The critical questions of the scheme of the step this node bears on that it answers, by key (answers = [\"field\"])."}),
        "raised" => {
            json!({"type": "boolean", "description": "An objection the author raises himself, to answer it (\"It may be objected that…\")."})
        }
        "cite" => json!({"type": "array", "description": "Where the article says it.",
        "items": {"anyOf": [
            paragraphs,
            {"type": "object", "additionalProperties": false, "required": ["para"],
             "properties": {
                "para": {"anyOf": [
                    {"type": "integer", "minimum": 1},
                    {"type": "string", "pattern": "^\\s*[0-9]+\\s*([-–]\\s*[0-9]+\\s*)?$"}
                ], "description": "The paragraph (or \"7-9\") the quote is in."},
                "quote": {"type": "string", "minLength": 1, "description": "Exact words of the paragraph, highlighted in the reader."}
             }}
        ]}}),
        "tags" => {
            json!({"type": "array", "items": {"type": "string"}, "description": "Free topics, for your own grouping."})
        }
        "implicit" => {
            json!({"type": "boolean", "description": "Unstated by the author: the mapper's reconstruction."})
        }
        "conceded" => {
            json!({"type": "boolean", "description": "The author grants this point rather than answering it."})
        }
        "note" => {
            json!({"type": "string", "minLength": 1, "description": "The mapper's remark, kept apart from the author's claim."})
        }
        "para" | "quote" => return None,
        _ => return None,
    })
}

/// The properties object for a list of keys; a key without a schema is left out (and a test
/// says so).
fn properties(keys: &[&str]) -> serde_json::Map<String, Value> {
    keys.iter()
        .filter_map(|k| key(k).map(|v| ((*k).to_string(), v)))
        .collect()
}

fn node(kind: Kind, description: &str) -> Value {
    let mut required = vec!["id", "text"];
    if let Some(link) = link_key(kind)
        && kind != Kind::Counterpoint
    {
        required.push(link);
    }
    let mut schema = json!({
        "type": "object",
        "description": description,
        "additionalProperties": false,
        "required": required,
        "properties": properties(node_keys(kind)),
    });
    // A counterpoint attacks a claim or undercuts a step: one of the two.
    if kind == Kind::Counterpoint {
        schema["oneOf"] = json!([{"required": ["attacks"]}, {"required": ["undercuts"]}]);
    }
    schema
}

/// The whole schema, as JSON.
pub fn schema() -> Value {
    let nodes = |kind, d: &str| json!({"type": "array", "items": node(kind, d)});
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://argwalk.invalid/schema/map.json",
        "title": "argwalk argument map",
        "description": "An article's argument: a thesis, premises, evidence and counterpoints, each citing numbered paragraphs. See docs/FORMAT.md.",
        "type": "object",
        "additionalProperties": false,
        "required": ["source", "thesis"],
        "properties": {
            "source": {
                "type": "object",
                "description": "The article.",
                "additionalProperties": false,
                "required": ["title"],
                "properties": properties(SOURCE_KEYS),
            },
            "thesis": node(Kind::Thesis, "What the article argues: one table."),
            "premise": nodes(Kind::Premise, "A reason for the thesis, another premise or a counterpoint."),
            "evidence": nodes(Kind::Evidence, "Facts or testimony behind a thesis, premise or counterpoint."),
            "counterpoint": nodes(Kind::Counterpoint, "An objection, or a rebuttal of one: attacks any node."),
        }
    })
}

/// The schema as `argwalk schema` prints it and docs/map.schema.json holds it.
pub fn text() -> String {
    serde_json::to_string_pretty(&schema()).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::format::{CITATION_KEYS, TOP_KEYS};

    /// Every key the loader reads is described: adding one there without a schema fails here.
    #[test]
    fn every_key_the_loader_reads_is_in_the_schema() {
        for k in SOURCE_KEYS {
            assert!(key(k).is_some(), "source key `{k}` has no schema");
        }
        for kind in [
            Kind::Thesis,
            Kind::Premise,
            Kind::Evidence,
            Kind::Counterpoint,
        ] {
            for k in node_keys(kind) {
                assert!(key(k).is_some(), "{kind:?} key `{k}` has no schema");
            }
        }
        let s = schema();
        for k in TOP_KEYS {
            assert!(s["properties"].get(*k).is_some(), "top-level `{k}`");
        }
        let cite = key("cite").unwrap();
        let object = cite["items"]["anyOf"]
            .as_array()
            .and_then(|a| a.iter().find(|v| v["type"] == "object"))
            .unwrap();
        let quote_keys = &object["properties"];
        for k in CITATION_KEYS {
            assert!(quote_keys.get(*k).is_some(), "citation key `{k}`");
        }
    }
}
