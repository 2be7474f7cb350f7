//! Argumentation schemes and their critical questions: the common patterns of presumptive
//! reasoning, after Walton, Reed and Macagno, *Argumentation Schemes* (Cambridge University
//! Press, 2008), chapters 1 and 9, in our own words. A table of our own rather than a crate:
//! none we could verify as kept up, and the questions here are phrased to be answered by a
//! reader of one article (each with a short key a map's `answers` names).

/// One critical question: its key in a map (`answers = ["field"]`) and the question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub key: &'static str,
    pub text: &'static str,
}

/// One scheme: its key in a map (`scheme = "expert-opinion"`), its name, its questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scheme {
    pub key: &'static str,
    pub name: &'static str,
    pub questions: &'static [Question],
}

const fn q(key: &'static str, text: &'static str) -> Question {
    Question { key, text }
}

/// Every scheme argwalk knows.
pub const SCHEMES: &[Scheme] = &[
    Scheme {
        key: "expert-opinion",
        name: "argument from expert opinion",
        questions: &[
            q("expertise", "How credible is the source as an expert?"),
            q(
                "field",
                "Is the source an expert in the field the claim is in?",
            ),
            q(
                "opinion",
                "What did the expert assert that implies the claim?",
            ),
            q(
                "trustworthiness",
                "Is the expert personally reliable as a source?",
            ),
            q(
                "consistency",
                "Is the claim consistent with what other experts assert?",
            ),
            q("backup", "Is the expert's assertion based on evidence?"),
        ],
    },
    Scheme {
        key: "position-to-know",
        name: "argument from position to know",
        questions: &[
            q(
                "position",
                "Is the source in a position to know whether the claim is true?",
            ),
            q("honesty", "Is the source honest, trustworthy and reliable?"),
            q("assertion", "Did the source assert the claim?"),
        ],
    },
    Scheme {
        key: "witness-testimony",
        name: "argument from witness testimony",
        questions: &[
            q(
                "consistency",
                "Is what the witness says consistent in itself?",
            ),
            q(
                "facts",
                "Is it consistent with the known facts and other testimony?",
            ),
            q("bias", "Could the witness be biased?"),
            q("plausibility", "How plausible is what the witness says?"),
        ],
    },
    Scheme {
        key: "popular-opinion",
        name: "argument from popular opinion",
        questions: &[
            q(
                "accepted",
                "What shows that the claim is generally accepted?",
            ),
            q(
                "doubt",
                "Even if it is accepted, are there good reasons to doubt it?",
            ),
        ],
    },
    Scheme {
        key: "analogy",
        name: "argument from analogy",
        questions: &[
            q(
                "differences",
                "Are there differences between the two cases that undermine the similarity?",
            ),
            q(
                "source-case",
                "Is the claim true of the case compared with?",
            ),
            q(
                "counter-case",
                "Is there another similar case in which the claim is false?",
            ),
        ],
    },
    Scheme {
        key: "cause-to-effect",
        name: "argument from cause to effect",
        questions: &[
            q("strength", "How strong is the causal link claimed?"),
            q("evidence", "Is the evidence for it strong enough?"),
            q(
                "interference",
                "Could other causes interfere and prevent the effect?",
            ),
        ],
    },
    Scheme {
        key: "correlation-to-cause",
        name: "argument from correlation to cause",
        questions: &[
            q(
                "correlation",
                "Is there really a correlation, over enough cases?",
            ),
            q("direction", "Could the causation run the other way?"),
            q("third-factor", "Could a third factor cause both?"),
        ],
    },
    Scheme {
        key: "consequences",
        name: "argument from consequences",
        questions: &[
            q("likelihood", "How likely are the consequences to follow?"),
            q("evidence", "What evidence supports that they will?"),
            q(
                "other-consequences",
                "Are there consequences of the opposite value to weigh?",
            ),
        ],
    },
    Scheme {
        key: "practical-reasoning",
        name: "practical reasoning (a goal and the means to it)",
        questions: &[
            q(
                "alternatives",
                "Are there other means to the goal, perhaps better ones?",
            ),
            q("possible", "Is the action possible?"),
            q(
                "other-goals",
                "Does the goal conflict with other goals that matter?",
            ),
            q("side-effects", "Would the action have bad side effects?"),
        ],
    },
    Scheme {
        key: "sign",
        name: "argument from sign",
        questions: &[
            q(
                "correlation",
                "How strongly does the sign go with what it signifies?",
            ),
            q(
                "other-explanation",
                "Could something else account for the sign better?",
            ),
        ],
    },
    Scheme {
        key: "example",
        name: "argument from example",
        questions: &[
            q("true", "Is the example true?"),
            q("supports", "Does the example support the general claim?"),
            q(
                "typical",
                "Is the example typical of the cases the claim covers?",
            ),
            q(
                "special",
                "Were there special circumstances in the example?",
            ),
        ],
    },
    Scheme {
        key: "verbal-classification",
        name: "argument from verbal classification",
        questions: &[
            q(
                "property",
                "Does the thing really have the property, or is there room for doubt?",
            ),
            q(
                "definition",
                "Is the definition the classification rests on itself open to doubt?",
            ),
        ],
    },
    Scheme {
        key: "commitment",
        name: "argument from commitment",
        questions: &[
            q(
                "evidence",
                "What shows that the party is committed to the claim?",
            ),
            q(
                "implies",
                "Does the commitment really imply the conclusion drawn?",
            ),
        ],
    },
    Scheme {
        key: "ad-hominem",
        name: "argument against the person (ethotic)",
        questions: &[
            q(
                "supported",
                "Is the charge against the person's character supported?",
            ),
            q(
                "relevant",
                "Is character relevant to the question at issue?",
            ),
            q(
                "weight",
                "Should the argument be rejected, or only given less weight?",
            ),
        ],
    },
    Scheme {
        key: "slippery-slope",
        name: "slippery slope argument",
        questions: &[
            q(
                "steps",
                "Which steps lead from the first move to the outcome?",
            ),
            q("evidence", "What shows that each step will follow?"),
            q("outcome", "Is the outcome really as bad as claimed?"),
        ],
    },
    Scheme {
        key: "precedent",
        name: "argument from precedent",
        questions: &[
            q(
                "applies",
                "Does the rule of the precedent apply to this case?",
            ),
            q(
                "exception",
                "Are there circumstances that make this case an exception?",
            ),
        ],
    },
    Scheme {
        key: "best-explanation",
        name: "argument to the best explanation",
        questions: &[
            q("explains", "Does the explanation account for the facts?"),
            q(
                "alternatives",
                "Is it better than the alternative explanations?",
            ),
            q("inquiry", "Has the inquiry gone far enough to judge?"),
        ],
    },
];

/// The scheme whose key is `key`.
pub fn find(key: &str) -> Option<&'static Scheme> {
    SCHEMES.iter().find(|s| s.key == key)
}

impl Scheme {
    /// The question whose key is `key`.
    pub fn question(&self, key: &str) -> Option<&'static Question> {
        self.questions.iter().find(|q| q.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_scheme_asks() {
        let mut keys: Vec<&str> = SCHEMES.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), SCHEMES.len());
        for s in SCHEMES {
            assert!(!s.questions.is_empty(), "{}", s.key);
            let mut q: Vec<&str> = s.questions.iter().map(|q| q.key).collect();
            q.sort_unstable();
            q.dedup();
            assert_eq!(q.len(), s.questions.len(), "{}", s.key);
        }
        assert_eq!(find("expert-opinion").map(|s| s.questions.len()), Some(6));
    }
}
