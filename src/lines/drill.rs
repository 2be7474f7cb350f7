//! Drills in the line mode: the cards due, one at a time; Enter shows the answer, a grade
//! (1–4, or again, hard, good, easy) schedules the card by FSRS, as `d` does in the reader.

use chrono::{DateTime, Utc};

use crate::study::Field;
use crate::study::drill;

use super::reading::{Reading, Run};

/// What a drill takes while it runs, said by `help`.
const HELP: &str = "In a drill:
  Enter (or answer)          show the answer, once you have recalled it
  1 again, 2 hard            you did not recall it / recalled with effort
  3 good, 4 easy             recalled / recalled at once
  q (or stop)                stop drilling (what was graded is kept)";

impl Reading {
    /// Starts a drill of the cards due now, or says when the next one falls due.
    pub(super) fn start_drill(&mut self, out: &mut String) {
        self.start_drill_at(Utc::now(), out);
    }

    pub(super) fn start_drill_at(&mut self, now: DateTime<Utc>, out: &mut String) {
        let Some((_, layer)) = &self.layer else {
            out.push_str("Drills are off: there is no folder to keep them in.\n");
            return;
        };
        let queue = drill::due(&self.map, layer, now);
        if queue.is_empty() {
            let next = drill::next_due(&self.map, layer).map_or_else(String::new, |t| {
                format!("; the next one is due {}", drill::in_words(now, t))
            });
            out.push_str(&format!("No card is due{next}.\n"));
            return;
        }
        out.push_str(&format!(
            "A drill of {} cards. Recall each answer, then press Enter to see it; grade it 1 to 4; q stops.\n",
            queue.len()
        ));
        self.drill = Some(Run {
            queue,
            at: 0,
            revealed: false,
        });
        self.ask(out);
    }

    /// Says the card being asked.
    fn ask(&self, out: &mut String) {
        if let Some(run) = &self.drill
            && let Some(card) = run.queue.get(run.at)
        {
            out.push_str(&format!(
                "Card {} of {}. {}\n",
                run.at + 1,
                run.queue.len(),
                card.front
            ));
        }
    }

    /// One line typed during a drill: always taken by the drill.
    pub(super) fn drill_line(
        &mut self,
        verb: &str,
        now: DateTime<Utc>,
        out: &mut String,
    ) -> Option<()> {
        let run = self.drill.as_mut()?;
        let grade = match verb {
            "1" | "again" => Some(1),
            "2" | "hard" => Some(2),
            "3" | "good" => Some(3),
            "4" | "easy" => Some(4),
            _ => None,
        };
        match (verb, grade) {
            ("q" | "stop" | "quit", _) => {
                let left = run.queue.len() - run.at;
                self.drill = None;
                out.push_str(&format!(
                    "Drill stopped; {left} cards left due. What you graded is kept.\n"
                ));
            }
            ("?" | "help", _) => out.push_str(&format!("{HELP}\n")),
            ("" | "answer" | "show", _) => {
                if let Some(card) = run.queue.get(run.at) {
                    run.revealed = true;
                    out.push_str("Answer:\n");
                    for line in card.back.lines() {
                        out.push_str(&format!("  {line}\n"));
                    }
                    out.push_str("Grade it: 1 again, 2 hard, 3 good, 4 easy.\n");
                }
            }
            (_, Some(_)) if !run.revealed => {
                out.push_str("First recall the answer, then Enter shows it.\n");
            }
            (_, Some(g)) => {
                let card = run.queue.get(run.at)?.clone();
                let rating = drill::rating(g)?;
                run.at += 1;
                run.revealed = false;
                let left = run.queue.len() - run.at;
                let Some((_, layer)) = self.layer.as_mut() else {
                    return Some(());
                };
                let due = drill::grade(layer, &card.key, rating, now);
                let why = self.save(&card.key, Field::Drill);
                if !why.is_empty() {
                    out.push_str(&format!("{why}\n"));
                }
                if left == 0 {
                    self.drill = None;
                    out.push_str(&format!(
                        "Drill done: no card left due (this one comes back {}).\n",
                        drill::in_words(now, due)
                    ));
                } else {
                    out.push_str(&format!(
                        "Next time {}; {left} more due now.\n",
                        drill::in_words(now, due)
                    ));
                    self.ask(out);
                }
            }
            _ => out.push_str(
                "In a drill: Enter shows the answer, 1 to 4 grade it, q stops, help says more.\n",
            ),
        }
        Some(())
    }
}
