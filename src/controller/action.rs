//! Everything the reader can do, by name. The keymap binds key sequences to
//! these names; with the count or letter typed around them they become a
//! [`Command`](super::Command) that `update` performs. Each carries the
//! description the help overlay, the hint bar and the README show.

use serde::Deserialize;

/// A named action: what a binding in the keymap file says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    ScrollDown,
    ScrollUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    GoTop,
    GoBottom,
    GoPercent,
    CenterView,
    ViewToTop,
    NextMention,
    PreviousMention,
    NextEntityMention,
    PreviousEntityMention,
    FollowMention,
    NextSection,
    PreviousSection,
    NextNote,
    PreviousNote,
    SelectNext,
    SelectPrevious,
    SelectFirst,
    SelectLast,
    Activate,
    ShowRelations,
    CardDown,
    CardUp,
    FilterEntities,
    EntityPicker,
    TimelinePicker,
    OutlinePicker,
    NotePicker,
    Search,
    SearchNext,
    SearchPrevious,
    SearchEntity,
    JumpBack,
    JumpForward,
    SetMark,
    GoToMark,
    HintLabels,
    CopyQuote,
    NextPane,
    PaneLeft,
    PaneRight,
    FocusArticle,
    FocusEntities,
    FocusTimeline,
    ToggleZoom,
    WidenSides,
    NarrowSides,
    ResetSides,
    Info,
    Reload,
    // The reviewer's half.
    Confirm,
    Dispute,
    MarkWrong,
    NextUnjudged,
    PreviousUnjudged,
    ToggleReviewLayer,
    CommentVerdict,
    // The caret and selection in the article.
    EnterCaret,
    ToggleSelection,
    CaretLeft,
    CaretRight,
    CaretDown,
    CaretUp,
    WordNext,
    WordEnd,
    WordBack,
    LineStart,
    LineEnd,
    // The reviewer's notes and their editor.
    AddNote,
    NewMention,
    Repoint,
    KeepNote,
    NewLine,
    NextKind,
    PreviousKind,
    KindComment,
    KindUnverified,
    KindDisputed,
    KindError,
    KindGap,
    CycleReliability,
    CycleCredibility,
    DeleteForward,
    ReviewList,
    // The library (`brief DIR`) and what it knows across briefings.
    FilterLibrary,
    CycleSort,
    LibraryEntities,
    LibraryTimeline,
    LibrarySearch,
    LibraryProblems,
    FollowElsewhere,
    FollowElsewhereBack,
    Help,
    Back,
    Quit,
    /// Ctrl-c: leave at once, from anywhere.
    Interrupt,
    /// Ctrl-z: give the terminal back to the shell until `fg`.
    Suspend,
    // Prompts: search, the entity filter, pickers, hint labels.
    DeleteChar,
    DeleteWord,
    ClearPrompt,
    ToggleRegex,
    /// A character typed into a prompt. Not bound in the keymap: in a
    /// prompt every key that types a character and is not bound types it.
    #[serde(skip)]
    TypeChar,
}

impl Action {
    /// What the action does, for the help overlay and the README.
    pub fn description(self) -> &'static str {
        match self {
            Action::ScrollDown => "scroll down a line",
            Action::ScrollUp => "scroll up a line",
            Action::HalfPageDown => "scroll down half a page (a count N: N lines from now on)",
            Action::HalfPageUp => "scroll up half a page (a count N: N lines from now on)",
            Action::PageDown => "scroll down a page",
            Action::PageUp => "scroll up a page",
            Action::GoTop => "go to the top (with a count N: text line N)",
            Action::GoBottom => "go to the end (with a count N: text line N)",
            Action::GoPercent => "go to N percent of the article (type N first)",
            Action::CenterView => "put the focus in the middle of the screen",
            Action::ViewToTop => "put the focus at the top of the screen",
            Action::NextMention => "focus the next mention in the text",
            Action::PreviousMention => "focus the previous mention in the text",
            Action::NextEntityMention => "next mention of the selected entity",
            Action::PreviousEntityMention => "previous mention of the selected entity",
            Action::FollowMention => "select the focused mention's entity",
            Action::NextSection => "next section",
            Action::PreviousSection => "previous section",
            Action::NextNote => "next analyst note (shows its card)",
            Action::PreviousNote => "previous analyst note",
            Action::SelectNext => "select the next item",
            Action::SelectPrevious => "select the previous item",
            Action::SelectFirst => "select the first item (with a count N: item N)",
            Action::SelectLast => "select the last item (with a count N: item N)",
            Action::Activate => "open the selected item (again: next mention)",
            Action::ShowRelations => "list the entity's relations; Enter follows one",
            Action::CardDown => "scroll the card down",
            Action::CardUp => "scroll the card up",
            Action::FilterEntities => "filter the entity list",
            Action::EntityPicker => "find an entity by name",
            Action::TimelinePicker => "find an event on the timeline",
            Action::OutlinePicker => "go to a section",
            Action::NotePicker => "find an analyst note",
            Action::Search => "search the article (Ctrl-r in the prompt: regex)",
            Action::SearchNext => "next search match",
            Action::SearchPrevious => "previous search match",
            Action::SearchEntity => "search for every name of the focused entity",
            Action::JumpBack => "jump back",
            Action::JumpForward => "jump forward",
            Action::SetMark => "set a mark (then a letter)",
            Action::GoToMark => "go to a mark (then a letter; ' for the last jump)",
            Action::HintLabels => "label the mentions on screen; type a label to focus one",
            Action::CopyQuote => "copy the focused passage with its citation",
            Action::NextPane => "focus the next pane",
            Action::PaneLeft => "focus the pane to the left",
            Action::PaneRight => "focus the pane to the right",
            Action::FocusArticle => "focus the article",
            Action::FocusEntities => "focus the entity list",
            Action::FocusTimeline => "focus the timeline",
            Action::ToggleZoom => "show the focused pane alone, or all panes",
            Action::WidenSides => "widen the side panes",
            Action::NarrowSides => "narrow the side panes",
            Action::ResetSides => "side panes back to their width",
            Action::Info => "about this briefing: source, date, summary, files",
            Action::Reload => "read the files again, keeping the place",
            Action::Confirm => "review: confirm the focused item (again: take it back)",
            Action::Dispute => "review: dispute the focused item (again: take it back)",
            Action::MarkWrong => "review: mark the focused item wrong (again: take it back)",
            Action::NextUnjudged => {
                "review: next item without a verdict (mention, or in a list, entity or event)"
            }
            Action::PreviousUnjudged => "review: previous item without a verdict",
            Action::ToggleReviewLayer => "review: show or hide the reviewer's layer",
            Action::CommentVerdict => "review: comment on the focused item's verdict",
            Action::EnterCaret => "caret: put a caret in the article (Esc takes it away)",
            Action::ToggleSelection => "caret: start a selection at the caret, or drop it",
            Action::CaretLeft => "caret: a character left (in the note editor too)",
            Action::CaretRight => "caret: a character right (in the note editor too)",
            Action::CaretDown => "caret: a screen line down (in the note editor: a line)",
            Action::CaretUp => "caret: a screen line up (in the note editor: a line)",
            Action::WordNext => "caret: start of the next word",
            Action::WordEnd => "caret: end of the word",
            Action::WordBack => "caret: start of the word, or the one before",
            Action::LineStart => "caret: start of the screen line (editor: of the line)",
            Action::LineEnd => "caret: end of the screen line (editor: of the line)",
            Action::AddNote => {
                "review: a note of yours on the selection or focused mention (on yours: change it)"
            }
            Action::NewMention => "review: the selection mentions an entity (or a new one)",
            Action::Repoint => {
                "review: re-point the focused mention to the right entity (and span: select it)"
            }
            Action::KeepNote => {
                "note editor: keep the note (Ctrl-s everywhere; Alt-Enter where the terminal tells it apart)"
            }
            Action::NewLine => "note editor: a new line",
            Action::NextKind => {
                "note editor: next kind (comment, unverified, disputed, error, gap)"
            }
            Action::PreviousKind => "note editor: previous kind",
            Action::KindComment => "note editor: kind comment",
            Action::KindUnverified => "note editor: kind unverified",
            Action::KindDisputed => "note editor: kind disputed",
            Action::KindError => "note editor: kind error",
            Action::KindGap => "note editor: kind gap",
            Action::CycleReliability => "note editor: source reliability, none then A to F",
            Action::CycleCredibility => "note editor: information credibility, none then 1 to 6",
            Action::DeleteForward => "delete the character after the cursor",
            Action::ReviewList => "review: list every verdict, by section, orphans last",
            Action::FilterLibrary => "library: narrow the briefings with a fuzzy filter",
            Action::CycleSort => "library: sort newest first, oldest first, by title, by path",
            Action::LibraryEntities => "library: find an entity across every briefing",
            Action::LibraryTimeline => "library: one timeline of every briefing's events",
            Action::LibrarySearch => "library: search every briefing's text",
            Action::LibraryProblems => "library: what was skipped and what the checks found",
            Action::FollowElsewhere => "library: next briefing naming this entity",
            Action::FollowElsewhereBack => "library: previous briefing naming this entity",
            Action::Help => "show or hide this help",
            Action::Back => "back out: close, cancel, clear",
            Action::Quit => "close the overlay, or quit",
            Action::Interrupt => "quit at once",
            Action::Suspend => "suspend (fg brings it back)",
            Action::DeleteChar => "delete the last character",
            Action::DeleteWord => "delete the last word",
            Action::ClearPrompt => "clear the prompt",
            Action::ToggleRegex => "switch between literal text and a regular expression",
            Action::TypeChar => "type into the prompt",
        }
    }

    /// Whether a count typed before the key changes what the action does.
    pub fn takes_count(self) -> bool {
        matches!(
            self,
            Action::ScrollDown
                | Action::ScrollUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::GoTop
                | Action::GoBottom
                | Action::GoPercent
                | Action::NextMention
                | Action::PreviousMention
                | Action::NextEntityMention
                | Action::PreviousEntityMention
                | Action::NextSection
                | Action::PreviousSection
                | Action::NextNote
                | Action::PreviousNote
                | Action::SelectNext
                | Action::SelectPrevious
                | Action::SelectFirst
                | Action::SelectLast
                | Action::CardDown
                | Action::CardUp
                | Action::SearchNext
                | Action::SearchPrevious
                | Action::JumpBack
                | Action::JumpForward
                | Action::WidenSides
                | Action::NarrowSides
                | Action::CaretLeft
                | Action::CaretRight
                | Action::CaretDown
                | Action::CaretUp
                | Action::WordNext
                | Action::WordEnd
                | Action::WordBack
                | Action::FollowElsewhere
                | Action::FollowElsewhereBack
        )
    }

    /// Whether the action waits for a letter (a mark name).
    pub fn takes_letter(self) -> bool {
        matches!(self, Action::SetMark | Action::GoToMark)
    }
}
