// The default keymap, built in so that the binary works from anywhere. It is byte for
// byte Keymaps/default.keymap (a test checks): change both together.
public enum BuiltInKeymap {
    public static let name = "default"
    public static let text = """
# cdesk — the default keymap: mnemonic single letters and the arrow keys.
# Format: bind <context> <keys> <action> | unbind <context> <keys>
# Contexts: global (queue, ticket and report), queue, ticket, report, prompt.
# Compensation with one key each: d discount, f free delivery, b bonus, a apology;
# c gives what the playbook suggests; e resolves, E reopens, F sets the fault,
# t takes the ticket, u undoes your last change; n adds a note, r writes a reply ($EDITOR);
# w sets the win-back status and follow-up date; h shows the customer's whole history.
# In the queue: 1-9 show a view, s sorts, = filters, / searches, X exports, R reports.

bind global q quit
bind global ? help
bind global <F1> help

bind queue j move-down
bind queue <Down> move-down
bind queue k move-up
bind queue <Up> move-up
bind queue <PageDown> page-down
bind queue <Space> page-down
bind queue <PageUp> page-up
bind queue <Home> move-first
bind queue <End> move-last
bind queue <Enter> open-ticket
bind queue <Tab> view-next
bind queue <S-Tab> view-previous
bind queue d compensate-discount
bind queue f compensate-free-delivery
bind queue b compensate-bonus
bind queue a compensate-apology
bind queue c take-suggestion
bind queue e ticket-resolve
bind queue t ticket-take
bind queue E ticket-reopen
bind queue F set-fault
bind queue A approve-request
bind queue D decline-request
bind queue u undo
bind queue w set-recovery
bind queue n add-note
bind queue r write-reply
bind queue 1 view-open
bind queue 2 view-mine
bind queue 3 view-unassigned
bind queue 4 view-overdue
bind queue 5 view-waiting
bind queue 6 view-follow-ups
bind queue 7 view-vip
bind queue 8 view-resolved
bind queue 9 view-all
bind queue 0 view-requests
bind queue s sort-next
bind queue = filter
bind queue / search
bind queue X export
bind queue R report

bind ticket q back
bind ticket <Esc> back
bind ticket j move-down
bind ticket <Down> move-down
bind ticket k move-up
bind ticket <Up> move-up
bind ticket <PageDown> page-down
bind ticket <Space> page-down
bind ticket <PageUp> page-up
bind ticket <Home> move-first
bind ticket <End> move-last
bind ticket d compensate-discount
bind ticket f compensate-free-delivery
bind ticket b compensate-bonus
bind ticket a compensate-apology
bind ticket c take-suggestion
bind ticket e ticket-resolve
bind ticket t ticket-take
bind ticket E ticket-reopen
bind ticket F set-fault
bind ticket A approve-request
bind ticket D decline-request
bind ticket u undo
bind ticket w set-recovery
bind ticket n add-note
bind ticket r write-reply
bind ticket h toggle-history
bind ticket S save-attachment

bind report q back
bind report <Esc> back
bind report j move-down
bind report <Down> move-down
bind report k move-up
bind report <Up> move-up
bind report <PageDown> page-down
bind report <Space> page-down
bind report <PageUp> page-up
bind report p report-period
bind report b report-breakdown

bind prompt <Enter> prompt-accept
bind prompt <Esc> prompt-cancel
bind prompt <BS> prompt-erase
bind prompt <C-u> prompt-clear
bind prompt <Tab> prompt-complete

"""
}
