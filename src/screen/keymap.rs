//! The one table of key bindings: it decides what a key does, and feeds the status bar and help.
//!
//! Every binding carries its description, so help can never drift from the real bindings.

pub use crate::screen::command::Action;
use crate::screen::key::{Key, KeyCode, Mods};

impl Scope {
    /// One of the flow sheet's scopes, whose keys its own help lists.
    pub fn is_flow(self) -> bool {
        matches!(self, Scope::Flow | Scope::FlowCell | Scope::FlowList)
    }
}

/// The scope table: each scope on one line, with its name in the configuration file, its
/// title in help, and whether it is a window's (which takes every key it does not bind, so
/// nothing acts behind it). The order of the lines is the order of help and of the file.
macro_rules! scopes {
    ($( $(#[$doc:meta])* $name:ident, $config:literal, $title:literal, $window:literal; )*) => {
        /// Where a binding applies. The first matching scope wins: an open window, then the
        /// search prompt, then the focused pane, then the global bindings.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Scope {
            $( $(#[$doc])* $name, )*
        }

        impl Scope {
            /// Every scope, in the order help lists them and the configuration file writes them.
            pub const ALL: &'static [Scope] = &[$( Scope::$name, )*];

            /// Its title in help.
            pub fn title(self) -> &'static str {
                match self {
                    $( Scope::$name => $title, )*
                }
            }

            /// Its name in the configuration file: `[keys.tree]`.
            pub fn config_name(self) -> &'static str {
                match self {
                    $( Scope::$name => $config, )*
                }
            }

            /// A window's scope: keys it does not bind do nothing while it is open.
            pub fn is_window(self) -> bool {
                match self {
                    $( Scope::$name => $window, )*
                }
            }
        }
    };
}

#[rustfmt::skip]
scopes! {
    Global, "anywhere", "Anywhere", false;
    Tree, "tree", "Argument tree", false;
    Source, "source", "Source text", false;
    Search, "search", "Search prompt", false;
    Citers, "citers", "Who cites a paragraph", true;
    Node, "node", "A node in full", true;
    Problems, "problems", "Problems of the map", true;
    Note, "note", "Writing a note", true;
    Weak, "weak_spots", "Weak spots", true;
    Frontlines, "frontlines", "Frontlines", true;
    Sheet, "prep_sheet", "Prep sheet", true;
    Drill, "drill", "Drill", true;
    Questions, "critical_questions", "Critical questions", true;
    Differences, "differences", "Differences from the reference", true;
    Library, "library", "The library of maps", false;
    Flow, "flow", "The flow sheet", false;
    FlowCell, "flow_cell", "Typing a cell of the flow", true;
    FlowList, "flow_list", "A list over the flow (drops, the case, a source, help)", true;
    Notice, "notice", "A notice", true;
    Help, "help", "This help", true;
}

const fn key(c: char) -> Key {
    Key::char(c)
}

const fn code(code: KeyCode) -> Key {
    Key::plain(code)
}

const fn ctrl(c: char) -> Key {
    Key::ctrl(c)
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// A one-word name for the status bar; `None` keeps the binding out of it.
    pub hint: Option<&'static str>,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        description,
        hint,
    }
}

use Action as A;
use Scope as S;

/// Every binding of the reader and of the flow. Order is the order of help and of status-bar hints, which are
/// cut from the end when the line is short: the most needed come first.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(
        S::Global,
        &[key('n')],
        A::WalkNext,
        "Step forward through the argument (reading order)",
        Some("next"),
    ),
    bind(
        S::Global,
        &[key('p')],
        A::WalkPrev,
        "Step back through the argument",
        Some("prev"),
    ),
    bind(
        S::Global,
        &[key('/')],
        A::StartSearch,
        "Search node and source text",
        Some("search"),
    ),
    bind(
        S::Global,
        &[key('>')],
        A::NextMatch,
        "Next search match",
        None,
    ),
    bind(
        S::Global,
        &[key('<')],
        A::PrevMatch,
        "Previous search match",
        None,
    ),
    bind(
        S::Global,
        &[key(']')],
        A::NextCited,
        "Next paragraph the selected node cites (either pane)",
        Some("cited"),
    ),
    bind(
        S::Global,
        &[key('[')],
        A::PrevCited,
        "Previous paragraph the selected node cites",
        None,
    ),
    bind(
        S::Global,
        &[key('c')],
        A::ToggleCounterpoints,
        "Show only counterpoints (the opposing case), or all",
        None,
    ),
    bind(
        S::Global,
        &[key('z')],
        A::FoldAll,
        "Fold all: show the thesis and its premises",
        None,
    ),
    bind(S::Global, &[key('Z')], A::UnfoldAll, "Unfold all", None),
    bind(
        S::Global,
        &[key('i')],
        A::ShowNode,
        "Show the selected node in full, with all its quotes",
        None,
    ),
    bind(
        S::Global,
        &[key('e')],
        A::Edit,
        "Edit the map at this node (from the source: the article)",
        Some("edit"),
    ),
    bind(
        S::Global,
        &[key('!')],
        A::ShowProblems,
        "Show the problems of the last save of the map",
        None,
    ),
    bind(
        S::Global,
        &[key('m')],
        A::MarkUnderstood,
        "Mark the node understood (or not); kept between sessions",
        Some("mark"),
    ),
    bind(
        S::Global,
        &[key('a')],
        A::EditNote,
        "Write a note on the node (several lines; Esc saves)",
        Some("note"),
    ),
    bind(
        S::Global,
        &[key('v')],
        A::Judge,
        "Your verdict: holds, doubtful, fails (or strong/weak)",
        None,
    ),
    bind(
        S::Global,
        &[key('w')],
        A::WeakSpots,
        "Weak spots of the case, ranked (for your side)",
        Some("weak"),
    ),
    bind(
        S::Global,
        &[key('f')],
        A::Frontlines,
        "Frontlines: each objection and its answer",
        None,
    ),
    bind(
        S::Global,
        &[key('P')],
        A::PrepSheet,
        "Prep sheet (what export --to markdown writes)",
        None,
    ),
    bind(
        S::Global,
        &[key('d')],
        A::Drill,
        "Drill: recall the argument, card by card, over days",
        Some("drill"),
    ),
    bind(
        S::Global,
        &[key('Q')],
        A::Questions,
        "Critical questions of the step's scheme: answer each",
        None,
    ),
    bind(
        S::Global,
        &[key('D')],
        A::Differences,
        "Differences from the reference (--against), to walk",
        None,
    ),
    bind(
        S::Global,
        &[key('F')],
        A::FollowAgain,
        "Follow the presenter again (a move of yours steps away)",
        None,
    ),
    bind(
        S::Global,
        &[key('u')],
        A::NextNotUnderstood,
        "Go to the next node not yet understood",
        None,
    ),
    bind(
        S::Global,
        &[key('s')],
        A::ChooseSide,
        "The side you argue: for the thesis, against it, or none",
        None,
    ),
    bind(
        S::Global,
        &[key('?')],
        A::Help,
        "Show this help",
        Some("help"),
    ),
    bind(S::Global, &[key('q')], A::Quit, "Quit", Some("quit")),
    bind(
        S::Global,
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        A::SwitchFocus,
        "Switch focus between tree and source",
        Some("pane"),
    ),
    bind(
        S::Global,
        &[code(KeyCode::Esc)],
        A::Back,
        "Clear the search, or quit",
        None,
    ),
    bind(S::Global, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Tree,
        &[key('j'), code(KeyCode::Down)],
        A::MoveDown,
        "Select the next row",
        None,
    ),
    bind(
        S::Tree,
        &[key('k'), code(KeyCode::Up)],
        A::MoveUp,
        "Select the previous row",
        None,
    ),
    bind(
        S::Tree,
        &[key('h'), code(KeyCode::Left)],
        A::FoldOrParent,
        "Fold, or go to the parent",
        None,
    ),
    bind(
        S::Tree,
        &[key('l'), code(KeyCode::Right)],
        A::UnfoldOrChild,
        "Unfold, or go to the first child",
        None,
    ),
    bind(
        S::Tree,
        &[code(KeyCode::Enter), key(' ')],
        A::ToggleFold,
        "Fold or unfold the selected node",
        None,
    ),
    bind(
        S::Tree,
        &[key('g'), code(KeyCode::Home)],
        A::First,
        "Select the first row (the thesis)",
        None,
    ),
    bind(
        S::Tree,
        &[key('G'), code(KeyCode::End)],
        A::Last,
        "Select the last row",
        None,
    ),
    bind(
        S::Tree,
        &[code(KeyCode::PageDown), ctrl('d')],
        A::PageDown,
        "Move down a page",
        None,
    ),
    bind(
        S::Tree,
        &[code(KeyCode::PageUp), ctrl('u')],
        A::PageUp,
        "Move up a page",
        None,
    ),
    bind(
        S::Source,
        &[key('j'), code(KeyCode::Down)],
        A::ScrollDown,
        "Scroll down a line",
        None,
    ),
    bind(
        S::Source,
        &[key('k'), code(KeyCode::Up)],
        A::ScrollUp,
        "Scroll up a line",
        None,
    ),
    bind(
        S::Source,
        &[code(KeyCode::PageDown)],
        A::SourcePageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Source,
        &[code(KeyCode::PageUp)],
        A::SourcePageUp,
        "Scroll up a page",
        None,
    ),
    bind(
        S::Source,
        &[ctrl('d')],
        A::HalfPageDown,
        "Scroll down half a page",
        None,
    ),
    bind(
        S::Source,
        &[ctrl('u')],
        A::HalfPageUp,
        "Scroll up half a page",
        None,
    ),
    bind(
        S::Source,
        &[code(KeyCode::Enter)],
        A::ShowCiters,
        "List the nodes citing the marked paragraph",
        Some("who cites"),
    ),
    bind(
        S::Source,
        &[key('g'), code(KeyCode::Home)],
        A::SourceFirst,
        "Go to the first paragraph",
        None,
    ),
    bind(
        S::Source,
        &[key('G'), code(KeyCode::End)],
        A::SourceLast,
        "Go to the last paragraph",
        None,
    ),
    bind(
        S::Search,
        &[code(KeyCode::Enter)],
        A::SearchConfirm,
        "Keep the matches highlighted and close the prompt",
        Some("keep"),
    ),
    bind(
        S::Search,
        &[code(KeyCode::Esc)],
        A::SearchCancel,
        "Leave the search and go back",
        Some("cancel"),
    ),
    bind(
        S::Search,
        &[code(KeyCode::Down), ctrl('n')],
        A::NextMatch,
        "Next match",
        Some("next"),
    ),
    bind(
        S::Search,
        &[code(KeyCode::Up), ctrl('p')],
        A::PrevMatch,
        "Previous match",
        Some("prev"),
    ),
    bind(
        S::Search,
        &[code(KeyCode::Backspace)],
        A::SearchBackspace,
        "Delete the last character",
        None,
    ),
    bind(S::Search, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Help,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll down",
        None,
    ),
    bind(
        S::Help,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll up",
        None,
    ),
    bind(
        S::Help,
        &[code(KeyCode::Esc), key('?'), key('q'), code(KeyCode::Enter)],
        A::OverlayClose,
        "Close the help",
        Some("close"),
    ),
    bind(
        S::Help,
        &[code(KeyCode::PageDown)],
        A::OverlayPageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Help,
        &[code(KeyCode::PageUp)],
        A::OverlayPageUp,
        "Scroll up a page",
        None,
    ),
    bind(S::Help, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Problems,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll down",
        None,
    ),
    bind(
        S::Problems,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll up",
        None,
    ),
    bind(
        S::Problems,
        &[key('e')],
        A::Edit,
        "Open the editor at the first problem",
        Some("edit"),
    ),
    bind(
        S::Problems,
        &[code(KeyCode::Esc), key('!'), key('q'), code(KeyCode::Enter)],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(
        S::Problems,
        &[code(KeyCode::PageDown)],
        A::OverlayPageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Problems,
        &[code(KeyCode::PageUp)],
        A::OverlayPageUp,
        "Scroll up a page",
        None,
    ),
    bind(
        S::Problems,
        &[ctrl('c')],
        A::Interrupt,
        "Quit at once",
        None,
    ),
    bind(
        S::Library,
        &[key('j'), code(KeyCode::Down)],
        A::MoveDown,
        "Select the next map",
        None,
    ),
    bind(
        S::Library,
        &[key('k'), code(KeyCode::Up)],
        A::MoveUp,
        "Select the previous map",
        None,
    ),
    bind(
        S::Library,
        &[code(KeyCode::PageDown)],
        A::PageDown,
        "A page down",
        None,
    ),
    bind(
        S::Library,
        &[code(KeyCode::PageUp)],
        A::PageUp,
        "A page up",
        None,
    ),
    bind(
        S::Library,
        &[key('g'), code(KeyCode::Home)],
        A::First,
        "The first map",
        None,
    ),
    bind(
        S::Library,
        &[key('G'), code(KeyCode::End)],
        A::Last,
        "The last map",
        None,
    ),
    bind(
        S::Library,
        &[code(KeyCode::Enter)],
        A::OverlayChoose,
        "Open the map (q in it comes back here)",
        Some("open"),
    ),
    bind(
        S::Library,
        &[key('/')],
        A::StartSearch,
        "List the maps whose text or article has these words",
        Some("search"),
    ),
    bind(
        S::Library,
        &[key('F')],
        A::FlowRound,
        "Flow a round of the selected motion (Enter reads it)",
        Some("flow"),
    ),
    bind(
        S::Library,
        &[key('c')],
        A::ClassList,
        "The class list (--teacher): members' maps, scored",
        None,
    ),
    bind(
        S::Library,
        &[key('q'), code(KeyCode::Esc)],
        A::Quit,
        "Quit",
        Some("quit"),
    ),
    bind(S::Library, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Drill,
        &[key(' '), code(KeyCode::Enter)],
        A::DrillReveal,
        "Show the answer",
        Some("answer"),
    ),
    bind(
        S::Drill,
        &[key('1')],
        A::DrillGrade(1),
        "Again: you did not recall it",
        Some("again"),
    ),
    bind(
        S::Drill,
        &[key('2')],
        A::DrillGrade(2),
        "Hard: recalled with effort",
        Some("hard"),
    ),
    bind(
        S::Drill,
        &[key('3')],
        A::DrillGrade(3),
        "Good: recalled",
        Some("good"),
    ),
    bind(
        S::Drill,
        &[key('4')],
        A::DrillGrade(4),
        "Easy: recalled at once",
        Some("easy"),
    ),
    bind(
        S::Drill,
        &[code(KeyCode::Esc), key('q')],
        A::OverlayClose,
        "Stop drilling (what was graded is kept)",
        Some("stop"),
    ),
    bind(
        S::Drill,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll the card down (a long answer)",
        None,
    ),
    bind(
        S::Drill,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll the card up",
        None,
    ),
    bind(S::Drill, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Questions,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "The next question",
        None,
    ),
    bind(
        S::Questions,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "The question before",
        None,
    ),
    bind(
        S::Questions,
        &[key('a')],
        A::AnswerQuestion(0),
        "Answered by the article, at the paragraph marked",
        Some("answered"),
    ),
    bind(
        S::Questions,
        &[key('o')],
        A::AnswerQuestion(1),
        "Open: nothing answers it",
        Some("open"),
    ),
    bind(
        S::Questions,
        &[key('x')],
        A::AnswerQuestion(2),
        "Fails: the answer goes against the step",
        Some("fails"),
    ),
    bind(
        S::Questions,
        &[code(KeyCode::Backspace)],
        A::AnswerQuestion(3),
        "No answer of yours",
        None,
    ),
    bind(
        S::Questions,
        &[code(KeyCode::Esc), key('q')],
        A::OverlayClose,
        "Close (your answers are kept)",
        Some("close"),
    ),
    bind(
        S::Questions,
        &[ctrl('c')],
        A::Interrupt,
        "Quit at once",
        None,
    ),
    bind(
        S::Differences,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "The next difference",
        None,
    ),
    bind(
        S::Differences,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "The difference before",
        None,
    ),
    bind(
        S::Differences,
        &[code(KeyCode::Enter)],
        A::OverlayChoose,
        "Go to the node of your map it is about",
        Some("go"),
    ),
    bind(
        S::Differences,
        &[code(KeyCode::Esc), key('q')],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(
        S::Differences,
        &[ctrl('c')],
        A::Interrupt,
        "Quit at once",
        None,
    ),
    bind(
        S::Weak,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Select the next weak spot",
        None,
    ),
    bind(
        S::Weak,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Select the previous weak spot",
        None,
    ),
    bind(
        S::Weak,
        &[code(KeyCode::Enter)],
        A::OverlayChoose,
        "Go to the node",
        Some("go"),
    ),
    bind(
        S::Weak,
        &[code(KeyCode::Esc), key('q'), key('w')],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(S::Weak, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Frontlines,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll down",
        None,
    ),
    bind(
        S::Frontlines,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll up",
        None,
    ),
    bind(
        S::Frontlines,
        &[code(KeyCode::Esc), key('q'), key('f'), code(KeyCode::Enter)],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(
        S::Frontlines,
        &[code(KeyCode::PageDown)],
        A::OverlayPageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Frontlines,
        &[code(KeyCode::PageUp)],
        A::OverlayPageUp,
        "Scroll up a page",
        None,
    ),
    bind(
        S::Frontlines,
        &[ctrl('c')],
        A::Interrupt,
        "Quit at once",
        None,
    ),
    bind(
        S::Sheet,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll down",
        None,
    ),
    bind(
        S::Sheet,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll up",
        None,
    ),
    bind(
        S::Sheet,
        &[code(KeyCode::Esc), key('q'), key('P'), code(KeyCode::Enter)],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(
        S::Sheet,
        &[code(KeyCode::PageDown)],
        A::OverlayPageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Sheet,
        &[code(KeyCode::PageUp)],
        A::OverlayPageUp,
        "Scroll up a page",
        None,
    ),
    bind(S::Sheet, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Notice,
        &[code(KeyCode::Esc), code(KeyCode::Enter), key('q'), key(' ')],
        A::OverlayClose,
        "Close the notice",
        Some("close"),
    ),
    bind(S::Notice, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Note,
        &[code(KeyCode::Esc)],
        A::NoteSave,
        "Save the note and close (an empty note is removed)",
        Some("save"),
    ),
    bind(
        S::Note,
        &[ctrl('c')],
        A::NoteCancel,
        "Close without saving what was typed",
        Some("cancel"),
    ),
    bind(
        S::Node,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Scroll down",
        None,
    ),
    bind(
        S::Node,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Scroll up",
        None,
    ),
    bind(
        S::Node,
        &[code(KeyCode::Esc), key('i'), key('q'), code(KeyCode::Enter)],
        A::OverlayClose,
        "Close",
        Some("close"),
    ),
    bind(
        S::Node,
        &[code(KeyCode::PageDown)],
        A::OverlayPageDown,
        "Scroll down a page",
        None,
    ),
    bind(
        S::Node,
        &[code(KeyCode::PageUp)],
        A::OverlayPageUp,
        "Scroll up a page",
        None,
    ),
    bind(S::Node, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(
        S::Citers,
        &[key('j'), code(KeyCode::Down)],
        A::OverlayDown,
        "Select the next node",
        None,
    ),
    bind(
        S::Citers,
        &[key('k'), code(KeyCode::Up)],
        A::OverlayUp,
        "Select the previous node",
        None,
    ),
    bind(
        S::Citers,
        &[code(KeyCode::Enter)],
        A::OverlayChoose,
        "Go to the selected node",
        Some("go"),
    ),
    bind(
        S::Citers,
        &[code(KeyCode::Esc), key('q')],
        A::OverlayClose,
        "Close the list",
        Some("close"),
    ),
    bind(S::Citers, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    // The flow sheet: one line each.
    bind(S::Flow, &[key('a')], A::FlowAdd, "Add an argument to the speech now (Enter ends it)", Some("add")),
    bind(S::Flow, &[key('r')], A::FlowAnswer, "Answer the selected argument, beside it", Some("answer")),
    bind(S::Flow, &[key('x')], A::FlowExtend, "Extend the selected argument into the speech now", Some("extend")),
    bind(S::Flow, &[key('y')], A::FlowCrossApply, "Cross-apply: y on one, then y on what it answers", None),
    bind(S::Flow, &[key('p')], A::FlowPull, "Pull a claim or a block from the case, with its source", Some("pull")),
    bind(S::Flow, &[key('C')], A::FlowConcede, "Mark the selected argument conceded (or not)", None),
    bind(S::Flow, &[key('T')], A::FlowTurn, "Mark the selected answer a turn (or not)", None),
    bind(S::Flow, &[key('e'), code(KeyCode::Enter)], A::FlowEdit, "Edit the selected argument's words", None),
    bind(S::Flow, &[code(KeyCode::Delete), key('X')], A::FlowRemove, "Remove the selected argument, if nothing answers it", None),
    bind(S::Flow, &[key('n')], A::FlowNextSpeech, "The next speech begins", Some("next")),
    bind(S::Flow, &[key('N')], A::FlowPrevSpeech, "Back to the speech before", None),
    bind(S::Flow, &[code(KeyCode::Tab)], A::FlowSheet, "The other side's sheet", Some("sheet")),
    bind(S::Flow, &[key(' ')], A::FlowClock, "Start or stop the speech's clock", Some("clock")),
    bind(S::Flow, &[key('P')], A::FlowPrep, "Start or stop the speaking side's prep clock", Some("prep")),
    bind(S::Flow, &[key('d')], A::FlowDrops, "The drops so far, each to go to", Some("drops")),
    bind(S::Flow, &[key('o')], A::FlowOpen, "Open the argument's source: the article's paragraph", None),
    bind(S::Flow, &[key('j'), code(KeyCode::Down)], A::MoveDown, "The argument below", None),
    bind(S::Flow, &[key('k'), code(KeyCode::Up)], A::MoveUp, "The argument above", None),
    bind(S::Flow, &[key('h'), code(KeyCode::Left)], A::FlowLeft, "The nearest argument of the speech to the left", None),
    bind(S::Flow, &[key('l'), code(KeyCode::Right)], A::FlowRight, "The nearest argument of the speech to the right", None),
    bind(S::Flow, &[key('g'), code(KeyCode::Home)], A::First, "The first argument of the sheet", None),
    bind(S::Flow, &[key('G'), code(KeyCode::End)], A::Last, "The last argument of the sheet", None),
    bind(S::Flow, &[key('?')], A::Help, "Every key of the flow", Some("help")),
    bind(S::Flow, &[key('q')], A::Quit, "Leave the flow (it is saved as it is typed)", Some("quit")),
    bind(S::Flow, &[ctrl('c')], A::Interrupt, "Quit at once", None),
    bind(S::FlowCell, &[code(KeyCode::Enter)], A::NoteSave, "End the cell: it is flowed", Some("done")),
    bind(S::FlowCell, &[code(KeyCode::Esc)], A::NoteCancel, "Leave the cell unwritten", Some("cancel")),
    bind(S::FlowCell, &[ctrl('c')], A::Interrupt, "Quit at once (what is typed is kept)", None),
    bind(S::FlowList, &[key('j'), code(KeyCode::Down)], A::OverlayDown, "Down", None),
    bind(S::FlowList, &[key('k'), code(KeyCode::Up)], A::OverlayUp, "Up", None),
    bind(S::FlowList, &[code(KeyCode::PageDown)], A::OverlayPageDown, "A page down", None),
    bind(S::FlowList, &[code(KeyCode::PageUp)], A::OverlayPageUp, "A page up", None),
    bind(S::FlowList, &[code(KeyCode::Enter)], A::OverlayChoose, "Take it: go to the drop, pull the claim", Some("choose")),
    bind(S::FlowList, &[code(KeyCode::Esc), key('q')], A::OverlayClose, "Close", Some("close")),
    bind(S::FlowList, &[ctrl('c')], A::Interrupt, "Quit at once", None),
];

/// The key table in force: the built-in one, or the user's as [`install`] set it.
static ACTIVE: std::sync::OnceLock<Vec<Binding>> = std::sync::OnceLock::new();

/// Puts the user's key table in force, once, before anything reads keys.
pub fn install(table: Vec<Binding>) {
    let _ = ACTIVE.set(table);
}

/// The key table in force: what input, help, hints and messages all read.
pub fn table() -> &'static [Binding] {
    ACTIVE.get().map_or(BINDINGS, Vec::as_slice)
}

/// The name an action has in a configuration file (`walk_next`), from the command table;
/// `None` for those that are not bound to keys of their own (typed text, a resize).
pub fn action_name(action: Action) -> Option<&'static str> {
    action.name()
}

/// The first key bound to `action` in the first of `scopes` that binds it: what a person
/// would press there to do it.
pub fn key_in(scopes: &[Scope], action: Action) -> Option<Key> {
    scopes.iter().find_map(|&scope| {
        table()
            .iter()
            .find(|b| b.scope == scope && b.action == action)
            .and_then(|b| b.keys.first().copied())
    })
}

/// The name of the key that does `action` in `scope` (as the user's configuration binds it),
/// for window titles and hints; the first binding anywhere if that scope has none.
pub fn key_name(scope: Scope, action: Action) -> String {
    key_in(&[scope], action).map_or_else(|| key_for(action), |k| k.name())
}

/// Every key that does `action` in `scope`, "Space or Enter", for a hint that names them all.
pub fn key_names_in(scope: Scope, action: Action) -> String {
    let names: Vec<String> = table()
        .iter()
        .filter(|b| b.scope == scope && b.action == action)
        .flat_map(|b| b.keys.iter().map(Key::name))
        .collect();
    if names.is_empty() {
        key_for(action)
    } else {
        names.join(" or ")
    }
}

/// "j/k": the keys that scroll a window of `scope` down and up.
pub fn scroll_keys(scope: Scope) -> String {
    format!(
        "{}/{}",
        key_name(scope, Action::OverlayDown),
        key_name(scope, Action::OverlayUp)
    )
}

/// The name of the first key bound to `action` anywhere, for messages and titles.
pub fn key_for(action: Action) -> String {
    table()
        .iter()
        .find(|b| b.action == action)
        .and_then(|b| b.keys.first())
        .map_or_else(|| "?".to_string(), Key::name)
}

/// The action of a key in the given scopes (most specific first), if any.
pub fn resolve(scopes: &[Scope], event: &Key) -> Option<Action> {
    for &scope in scopes {
        if let Some(b) = table()
            .iter()
            .find(|b| b.scope == scope && b.keys.iter().any(|k| k.matches(event)))
        {
            return Some(b.action);
        }
        if scope == Scope::Note || scope == Scope::FlowCell {
            // The note takes every other key: letters, arrows, Enter, Backspace and the
            // editing keys of the text area (Ctrl-A/E, Alt-F/B, Ctrl-K, Ctrl-U, undo Ctrl-Z).
            return Some(Action::NoteInput(*event));
        }
        if scope == Scope::Search {
            // The prompt takes every other printable character as text.
            if let KeyCode::Char(c) = event.code
                && !event.mods.intersects(Mods::CONTROL | Mods::ALT)
            {
                return Some(Action::SearchInput(c));
            }
            return None;
        }
        if scope.is_window() {
            // An open overlay swallows the other keys rather than acting behind itself.
            return None;
        }
    }
    None
}

/// The bindings of one scope, for help.
pub fn in_scope(scope: Scope) -> impl Iterator<Item = &'static Binding> {
    table().iter().filter(move |b| b.scope == scope)
}

/// Status-bar hints (key, word) for the given scopes, most specific first.
pub fn hints(scopes: &[Scope]) -> Vec<(String, &'static str)> {
    let mut hints = scopes
        .iter()
        .flat_map(|&s| in_scope(s))
        .filter_map(|b| Some((b.action != Action::Help, b.keys.first()?.name(), b.hint?)))
        .collect::<Vec<_>>();
    // Help leads to every other key: it is shown first, so a narrow line never cuts it,
    // whichever key the user gave it.
    hints.sort_by_key(|h| h.0);
    hints
        .into_iter()
        .map(|(_, key, hint)| (key, hint))
        .collect()
}

/// All the keys of a binding, as help writes them: "j / Down".
pub fn key_names(b: &Binding) -> String {
    b.keys.iter().map(Key::name).collect::<Vec<_>>().join(" / ")
}
