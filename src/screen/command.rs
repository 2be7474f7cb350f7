//! The command table: every action of the reader on one line, with its name in the
//! configuration file, its flags and its handler; it makes the [`Action`] type and the
//! reader's dispatch, so no list of actions can drift from another.

use crate::screen::key::Key;

/// Makes [`Action`], its names and flags, and [`Reader`] with [`Action::dispatch`] from the
/// table below. A line of `reader` names the method of [`Reader`] that runs it; a line of
/// `window` is run by the open window's unit (`app::window`); a line of `elsewhere` belongs to
/// another face (the library, the class list, the flow sheet), which runs it itself. Flags:
/// `steps_away`, a move of the reader's own, which steps away from a followed presenter;
/// `scroll_only`, it only moves within a window, whose kept text stays.
macro_rules! commands {
    (
        reader { $( $(#[$rdoc:meta])* $run:ident: $rname:literal => $handler:ident $(, $rflag:ident)*; )* }
        window { $( $(#[$wdoc:meta])* $win:ident: $wname:literal $(, $wflag:ident)*; )* }
        elsewhere { $( $(#[$edoc:meta])* $other:ident: $ename:literal; )* }
        reader_values { $( $(#[$rvdoc:meta])* $rvalue:ident($($arg:ident: $rty:ty),+) => $vhandler:ident; )* }
        window_values { $( $(#[$wvdoc:meta])* $wvalue:ident($($wty:ty),+); )* }
    ) => {
        /// Everything the reader can be asked to do. State changes only through
        /// [`crate::screen::app::handle`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $( $(#[$rdoc])* $run, )*
            $( $(#[$wdoc])* $win, )*
            $( $(#[$edoc])* $other, )*
            $( $(#[$rvdoc])* $rvalue($($rty),+), )*
            $( $(#[$wvdoc])* $wvalue($($wty),+), )*
        }

        /// What runs each of the reader's commands: one method for each `reader` line of the
        /// table, so a command without its handler, or a handler without its command, does
        /// not compile.
        pub(crate) trait Reader {
            /// What a command gives back (the effects for the driver to carry out).
            type Out;
            $( fn $handler(&mut self) -> Self::Out; )*
            $( fn $vhandler(&mut self, $($arg: $rty),+) -> Self::Out; )*
            /// The open window's own keys: its unit runs them.
            fn window(&mut self, action: Action) -> Self::Out;
            /// Another face's command, which the reader has not.
            fn elsewhere(&mut self, action: Action) -> Self::Out;
        }

        impl Action {
            /// Its name in the configuration file, for an action without a value.
            fn unit_name(self) -> Option<&'static str> {
                match self {
                    $( Action::$run => Some($rname), )*
                    $( Action::$win => Some($wname), )*
                    $( Action::$other => Some($ename), )*
                    _ => None,
                }
            }

            /// Its flags, as the table gives them.
            fn flags(self) -> &'static [&'static str] {
                match self {
                    $( Action::$run => &[$(stringify!($rflag)),*], )*
                    $( Action::$win => &[$(stringify!($wflag)),*], )*
                    _ => &[],
                }
            }

            /// Runs it on `reader`, by the handler its line names.
            pub(crate) fn dispatch<R: Reader>(self, reader: &mut R) -> R::Out {
                match self {
                    $( Action::$run => reader.$handler(), )*
                    $( Action::$rvalue($($arg),+) => reader.$vhandler($($arg),+), )*
                    $( Action::$win )|* $( | Action::$wvalue(..) )* => reader.window(self),
                    $( Action::$other )|* => reader.elsewhere(self),
                }
            }
        }
    };
}

#[rustfmt::skip]
commands! {
    reader {
    Quit: "quit" => quit;
    /// Ctrl-C: quit with the status of an interrupt.
    Interrupt: "interrupt" => interrupt;
    /// Esc outside the search prompt: close what is open, else quit.
    Back: "back" => back;
    Help: "help" => help;
    /// Open the selected node in full.
    ShowNode: "show_node" => show_node;
    /// Open the editor at the selected node (or, from the source, at the marked paragraph).
    Edit: "edit" => edit;
    /// Show the problems of the last save of the map.
    ShowProblems: "show_problems" => show_problems;
    SwitchFocus: "switch_focus" => switch_focus;
    WalkNext: "walk_next" => walk_next, steps_away;
    WalkPrev: "walk_prev" => walk_prev, steps_away;
    StartSearch: "search" => start_search;
    NextMatch: "next_match" => next_match;
    PrevMatch: "previous_match" => previous_match;
    FoldAll: "fold_all" => fold_all;
    UnfoldAll: "unfold_all" => unfold_all;
    ToggleCounterpoints: "counterpoints_only" => counterpoints_only;
    // Tree.
    MoveDown: "move_down" => move_down, steps_away;
    MoveUp: "move_up" => move_up, steps_away;
    FoldOrParent: "fold_or_parent" => fold_or_parent, steps_away;
    UnfoldOrChild: "unfold_or_child" => unfold_or_child, steps_away;
    ToggleFold: "toggle_fold" => toggle_fold;
    First: "first" => first, steps_away;
    Last: "last" => last, steps_away;
    PageDown: "page_down" => page_down, steps_away;
    PageUp: "page_up" => page_up, steps_away;
    // Source.
    ScrollDown: "scroll_down" => scroll_down, steps_away;
    ScrollUp: "scroll_up" => scroll_up, steps_away;
    SourcePageDown: "page_down" => source_page_down, steps_away;
    SourcePageUp: "page_up" => source_page_up, steps_away;
    HalfPageDown: "half_page_down" => half_page_down, steps_away;
    HalfPageUp: "half_page_up" => half_page_up, steps_away;
    SourceFirst: "first" => source_first, steps_away;
    SourceLast: "last" => source_last, steps_away;
    NextCited: "next_cited" => next_cited, steps_away;
    PrevCited: "previous_cited" => previous_cited, steps_away;
    ShowCiters: "show_citers" => show_citers;
    // The search prompt.
    SearchBackspace: "backspace" => search_backspace;
    SearchConfirm: "confirm" => search_confirm;
    SearchCancel: "cancel" => search_cancel;
    // The reader's layer.
    /// Mark the selected node understood, or not.
    MarkUnderstood: "mark_understood" => mark_understood;
    /// Step the reader's judgement of the selected node.
    Judge: "verdict" => verdict;
    /// Step the side of the thesis the reader argues.
    ChooseSide: "side" => side;
    /// Go to the next node (in the walk) not yet marked understood.
    NextNotUnderstood: "next_not_understood" => next_not_understood, steps_away;
    /// Write or edit the note of the selected node.
    EditNote: "note" => note;
    /// The weak spots of the case, ranked.
    WeakSpots: "weak_spots" => weak_spots;
    /// Each objection and the answer to it.
    Frontlines: "frontlines" => frontlines;
    /// The prep sheet (the markdown export), shown in the reader.
    PrepSheet: "prep_sheet" => prep_sheet;
    /// Drill the cards that are due.
    Drill: "drill" => drill;
    /// Follow the presenter again, after stepping away.
    FollowAgain: "follow_again" => follow_again;
    /// The critical questions of the selected node's step, to answer.
    Questions: "critical_questions" => critical_questions;
    /// The differences from the reference map (`--against`).
    Differences: "differences" => differences;
    }
    window {
    // Every window over the panes (help, citers, the lists, the sheets, the note, the drill).
    OverlayDown: "down", scroll_only;
    OverlayUp: "up", scroll_only;
    /// Scroll an overlay by its height.
    OverlayPageDown: "page_down", scroll_only;
    OverlayPageUp: "page_up", scroll_only;
    OverlayChoose: "choose";
    OverlayClose: "close";
    /// Show the answer of the drill card.
    DrillReveal: "show_answer";
    // The note editor, and a cell of the flow being typed.
    NoteSave: "save";
    NoteCancel: "cancel";
    }
    elsewhere {
    /// The class list (`--class … --teacher`): every member's maps with their scores, or back
    /// to the library's maps.
    ClassList: "class_list";
    /// In the library: flow a round of the selected motion.
    FlowRound: "flow_round";
    // The flow sheet.
    FlowAdd: "add";
    FlowAnswer: "answer";
    FlowExtend: "extend";
    FlowCrossApply: "cross_apply";
    FlowPull: "pull";
    FlowConcede: "conceded";
    FlowTurn: "turned";
    FlowEdit: "edit_cell";
    FlowRemove: "remove";
    FlowNextSpeech: "next_speech";
    FlowPrevSpeech: "previous_speech";
    FlowSheet: "other_sheet";
    FlowClock: "speech_clock";
    FlowPrep: "prep_clock";
    FlowDrops: "drops";
    FlowOpen: "open_source";
    FlowLeft: "left";
    FlowRight: "right";
    }
    reader_values {
    /// A character typed into the search prompt.
    SearchInput(c: char) => search_input;
    /// From the terminal, not from a key.
    Resize(width: u16, height: u16) => resize;
    }
    window_values {
    /// Grade the answer: 1 again, 2 hard, 3 good, 4 easy.
    DrillGrade(u8);
    /// The reader's answer to the critical question selected: 0 answered by the article at
    /// the marked paragraph, 1 open, 2 fails, 3 no answer.
    AnswerQuestion(u8);
    NoteInput(Key);
    }
}

impl Action {
    /// A move of the reader's own (in the tree or the source): it steps away from a followed
    /// presenter.
    pub fn steps_away(self) -> bool {
        self.flags().contains(&"steps_away")
    }

    /// It only moves within a window: the window's kept text stays as it is.
    pub fn scroll_only(self) -> bool {
        self.flags().contains(&"scroll_only")
    }

    /// The name it has in a configuration file (`walk_next`); `None` for those that are not
    /// bound to keys of their own (typed text, a resize).
    pub fn name(self) -> Option<&'static str> {
        match self {
            Action::DrillGrade(1) => Some("again"),
            Action::DrillGrade(2) => Some("hard"),
            Action::DrillGrade(3) => Some("good"),
            Action::DrillGrade(4) => Some("easy"),
            Action::AnswerQuestion(0) => Some("answered"),
            Action::AnswerQuestion(1) => Some("open"),
            Action::AnswerQuestion(2) => Some("fails"),
            Action::AnswerQuestion(3) => Some("no_answer"),
            Action::DrillGrade(_)
            | Action::AnswerQuestion(_)
            | Action::SearchInput(_)
            | Action::NoteInput(_)
            | Action::Resize(..) => None,
            unit => unit.unit_name(),
        }
    }
}
