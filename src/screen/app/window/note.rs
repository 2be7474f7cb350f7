//! The note editor: the reader's note on the selected node, in a text area; Esc saves it.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};

use crate::screen::draw;
use crate::screen::event::Effect;
use crate::screen::keymap::{self, Action, Scope};
use crate::screen::layout;
use crate::screen::theme::Theme;

use super::super::App;
use super::Window;

pub(crate) struct Note;

/// The note editor's window: twelve rows of text, or what the screen holds. The editor and the
/// cursor that follows focus both place themselves by it.
fn area(app: &App) -> Rect {
    draw::fitted_rect(layout::overlay_area(app.width, app.height), 12)
}

impl Window for Note {
    const SCOPE: Scope = Scope::Note;

    fn render(frame: &mut Frame, app: &App, theme: &Theme) {
        let Some((id, editor)) = app.study.as_ref().and_then(|s| s.editor.as_ref()) else {
            return;
        };
        let title = format!(
            " Your note on {id} ({}: save, {}: cancel) ",
            keymap::key_name(Scope::Note, Action::NoteSave),
            keymap::key_name(Scope::Note, Action::NoteCancel)
        );
        // Drawn as the app holds it: the text area records where it scrolled, which the cursor
        // that follows focus reads back.
        draw::typing(frame, theme, area(app), &title, editor);
    }

    fn cursor(app: &App) -> Option<Position> {
        let (_, editor) = app.study.as_ref()?.editor.as_ref()?;
        // Where the cursor is drawn: lines wrap, and the area scrolls.
        let at = editor.screen_cursor();
        let (top, left) = editor.scroll_offset();
        let row = at.row.saturating_sub(usize::from(top));
        let col = at.col.saturating_sub(usize::from(left));
        let area = area(app);
        let row = u16::try_from(row).ok()?.min(area.height.saturating_sub(3));
        let col = u16::try_from(col).ok()?.min(area.width.saturating_sub(3));
        Some(Position::new(area.x + 1 + col, area.y + 1 + row))
    }

    fn update(app: &mut App, action: Action) -> Vec<Effect> {
        match action {
            Action::NoteInput(key) => {
                app.note_input(key);
                Vec::new()
            }
            Action::NoteSave => app.close_note(true),
            Action::NoteCancel => app.close_note(false),
            _ => Vec::new(),
        }
    }
}
