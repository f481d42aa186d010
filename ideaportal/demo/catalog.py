"""Demo catalogue for IdeaPortal: the idea portal of the fictional company behind Shiftly.

Shiftly is a SaaS product for workforce scheduling, shift swaps, time tracking and payroll
export, used by small and mid-sized businesses (restaurants, retail, clinics, warehouses)
through a web app, iOS/Android apps and integrations.

Everything here is plain data, read by ``ideaportal.demo.seed``:

* ``BOARDS``: three public boards and one private staff board.
* ``TAGS``: the short lowercase tags ideas may carry.
* ``USERS``: 40 accounts; the first account of each role has an easy email
  (admin@, pm@, cm@, mod@, member@example.com).
* ``IDEAS``: about 300 ideas with status, public status note, comments, age and
  popularity (0..1, drives the number of votes). Ideas asking for the same thing share a
  ``dup_group`` so duplicate detection can be demonstrated and evaluated.

All people, companies and email addresses are fictional.
"""

from __future__ import annotations

BOARDS: list[dict] = [
    {
        "slug": "web-app",
        "name": "Web app",
        "description": (
            "Ideas for the Shiftly web app: scheduling, timesheets, time off, reports and account "
            "settings."
        ),
        "is_private": False,
    },
    {
        "slug": "mobile-apps",
        "name": "Mobile apps",
        "description": (
            "Ideas for the Shiftly iOS and Android apps used by employees and managers on the go."
        ),
        "is_private": False,
    },
    {
        "slug": "integrations-api",
        "name": "Integrations & API",
        "description": (
            "Payroll, POS, calendar and chat integrations, plus the public REST API and webhooks."
        ),
        "is_private": False,
    },
    {
        "slug": "internal",
        "name": "Internal",
        "description": (
            "Staff only: requests from support, sales and ops that are not visible to customers."
        ),
        "is_private": True,
    },
]

TAGS: list[str] = [
    "scheduling",
    "time-tracking",
    "payroll",
    "notifications",
    "reporting",
    "accessibility",
    "performance",
    "security",
    "calendar",
    "shift-swap",
    "time-off",
    "ux",
    "offline",
    "export",
    "permissions",
    "compliance",
    "localization",
]

USERS: list[dict] = [
    # Staff. The first account of each role has an easy-to-remember email.
    {"email": "admin@example.com", "display_name": "Margit Halvorsen", "role": "admin"},
    {"email": "pm@example.com", "display_name": "Daniel Okafor", "role": "product_manager"},
    {"email": "priya.raman@example.com", "display_name": "Priya Raman", "role": "product_manager"},
    {"email": "tomas.novak@example.com", "display_name": "Tomáš Novák", "role": "product_manager"},
    {"email": "cm@example.com", "display_name": "Sofia Marchetti", "role": "community_manager"},
    {
        "email": "kenji.watanabe@example.com",
        "display_name": "Kenji Watanabe",
        "role": "community_manager",
    },
    {"email": "mod@example.com", "display_name": "Leila Haddad", "role": "moderator"},
    {"email": "bram.devries@example.com", "display_name": "Bram de Vries", "role": "moderator"},
    {"email": "ana.ferreira@example.com", "display_name": "Ana Ferreira", "role": "moderator"},
    # Customers: owners, managers, payroll and IT people, developers and hourly employees.
    {"email": "member@example.com", "display_name": "Jamie Rivera", "role": "member"},
    {"email": "maria.gonzalez@example.com", "display_name": "María González", "role": "member"},
    {"email": "liam.obrien@example.com", "display_name": "Liam O'Brien", "role": "member"},
    {"email": "aisha.bello@example.com", "display_name": "Aisha Bello", "role": "member"},
    {"email": "chen.wei@example.com", "display_name": "Chen Wei", "role": "member"},
    {"email": "fatima.elamrani@example.org", "display_name": "Fatima El Amrani", "role": "member"},
    {"email": "lukas.schmidt@example.com", "display_name": "Lukas Schmidt", "role": "member"},
    {"email": "olga.petrova@example.net", "display_name": "Olga Petrova", "role": "member"},
    {"email": "rahul.mehta@example.com", "display_name": "Rahul Mehta", "role": "member"},
    {"email": "emma.johansson@example.com", "display_name": "Emma Johansson", "role": "member"},
    {"email": "kwame.asante@example.com", "display_name": "Kwame Asante", "role": "member"},
    {"email": "hannah.cohen@example.com", "display_name": "Hannah Cohen", "role": "member"},
    {"email": "diego.alvarez@example.com", "display_name": "Diego Álvarez", "role": "member"},
    {"email": "mei.lin@example.org", "display_name": "Mei Lin", "role": "member"},
    {"email": "noah.williams@example.com", "display_name": "Noah Williams", "role": "member"},
    {"email": "yuki.tanaka@example.com", "display_name": "Yuki Tanaka", "role": "member"},
    {"email": "grace.mwangi@example.com", "display_name": "Grace Mwangi", "role": "member"},
    {"email": "pierre.dubois@example.net", "display_name": "Pierre Dubois", "role": "member"},
    {"email": "zeynep.yilmaz@example.com", "display_name": "Zeynep Yılmaz", "role": "member"},
    {"email": "sean.murphy@example.com", "display_name": "Seán Murphy", "role": "member"},
    {"email": "isabela.costa@example.com", "display_name": "Isabela Costa", "role": "member"},
    {
        "email": "mohammed.alsayed@example.com",
        "display_name": "Mohammed Al-Sayed",
        "role": "member",
    },
    {"email": "sarah.kowalski@example.com", "display_name": "Sarah Kowalski", "role": "member"},
    {"email": "tunde.adeyemi@example.org", "display_name": "Tunde Adeyemi", "role": "member"},
    {"email": "nina.larsen@example.com", "display_name": "Nina Larsen", "role": "member"},
    {"email": "carlos.mendoza@example.com", "display_name": "Carlos Mendoza", "role": "member"},
    {"email": "anh.nguyen@example.com", "display_name": "Anh Nguyen", "role": "member"},
    {"email": "rebecca.thompson@example.com", "display_name": "Rebecca Thompson", "role": "member"},
    {"email": "jonas.becker@example.com", "display_name": "Jonas Becker", "role": "member"},
    {"email": "lucia.romero@example.net", "display_name": "Lucía Romero", "role": "member"},
    {"email": "marcus.brown@example.com", "display_name": "Marcus Brown", "role": "member"},
]

# Ideas ask for the same thing when they share a "dup_group"; everything else is distinct.
IDEAS: list[dict] = [
    # --- web app: scheduler
    {
        "key": "dark-mode-web",
        "board": "web-app",
        "title": "Dark mode for the web scheduler",
        "body": (
            "I do most of my scheduling at night after we close (usually between 11pm and 1am) and "
            "the bright white grid is brutal on the eyes. A proper dark theme for the scheduler "
            "and timesheets would be a huge quality-of-life win.\n\nBonus points if it follows the "
            "operating system setting so I don't have to toggle it manually."
        ),
        "tags": ["ux", "accessibility"],
        "author": "maria.gonzalez@example.com",
        "status": "in_progress",
        "status_note": (
            "We're building this now. The first release covers the scheduler, timesheets and "
            "messages and follows your operating system's theme; reports and settings pages come "
            "right after."
        ),
        "dup_group": "dark-mode",
        "age_days": 610,
        "popularity": 0.93,
        "comments": [
            {
                "author": "kwame.asante@example.com",
                "body": (
                    "Night shift supervisor here. Please, yes. I check the schedule at 3am and "
                    "it's like staring into a flashlight."
                ),
                "official": False,
            },
            {
                "author": "noah.williams@example.com",
                "body": "+1, and for the mobile app too if possible.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "Quick update from the product team: dark mode is in development for the web "
                    "app. We're starting with the scheduler, timesheets and messages. You'll find "
                    "a beta toggle under **Profile → Appearance** in the coming weeks, with an "
                    '"Automatic" option that follows your OS.'
                ),
                "official": True,
            },
            {
                "author": "nina.larsen@example.com",
                "body": (
                    "Please make sure the contrast ratios still pass WCAG AA in the dark theme. A "
                    "lot of dark themes end up grey-on-grey."
                ),
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Good call, Nina. We're testing every dark-theme colour pair against AA "
                    "contrast and the shift colour palette gets its own dark variants."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "copy-last-week",
        "board": "web-app",
        "title": "Copy last week's schedule",
        "body": (
            "Our café schedule is 90% the same every week. Right now I rebuild it from scratch "
            "every Thursday, which takes me about an hour. A button to copy last week into the "
            "current week (and then I fix the few differences) would save so much time."
        ),
        "tags": ["scheduling", "ux"],
        "author": "emma.johansson@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped! Use **Copy week** in the scheduler toolbar to copy any previous week into "
            "the one you're viewing. Time-off and unavailability are respected, and conflicting "
            "shifts are left as open shifts for you to fill."
        ),
        "dup_group": "copy-schedule",
        "age_days": 715,
        "popularity": 0.81,
        "comments": [
            {
                "author": "liam.obrien@example.com",
                "body": "This would be my most-used button by far.",
                "official": False,
            },
            {
                "author": "cm@example.com",
                "body": (
                    "This is live for all plans as of today. Thanks to everyone who voted and "
                    "especially to Emma for the clear description!"
                ),
                "official": True,
            },
            {
                "author": "emma.johansson@example.com",
                "body": "Just used it. 5 minutes instead of an hour. Tack så mycket!",
                "official": False,
            },
        ],
    },
    {
        "key": "split-shifts",
        "board": "web-app",
        "title": "Support split shifts (lunch + dinner with a gap)",
        "body": (
            "In our restaurants a lot of servers work 11:00 to 15:00 and then 18:00 to 23:00 on "
            "the same day. Right now I have to create two separate shifts, and then overtime and "
            "the daily hours total look wrong, and the employee gets two notifications.\n\nWould "
            "love a real split shift: one shift with an unpaid gap in the middle."
        ),
        "tags": ["scheduling"],
        "author": "pierre.dubois@example.net",
        "status": "under_review",
        "status_note": (
            "We're looking at how split shifts interact with break rules, overtime and payroll "
            "export before committing. If you use split shifts, please comment with how your "
            "payroll treats the gap."
        ),
        "dup_group": None,
        "age_days": 388,
        "popularity": 0.46,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": (
                    "Same in our tapas bars. In Texas the gap is just unpaid, nothing special for "
                    "payroll."
                ),
                "official": False,
            },
            {
                "author": "sean.murphy@example.com",
                "body": (
                    "Irish pubs do this constantly. We'd also want a small allowance paid for "
                    "split shifts under our agreement, so a flag on the shift would help."
                ),
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Thanks, this is exactly the input we need. Sounds like we need both an unpaid "
                    'gap and an optional "split shift allowance" that shows up in the payroll '
                    "export."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "darker-colour-scheme",
        "board": "web-app",
        "title": "Option for a darker colour scheme",
        "body": (
            "Would be nice to have a choice of colours in the interface. Our back-office computer "
            "is in a small room behind the kitchen with almost no light and the white background "
            "is very bright. Something grey or black would be more comfortable for the eyes."
        ),
        "tags": ["ux"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "dark-mode",
        "age_days": 88,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "clopening-rest-warning",
        "board": "web-app",
        "title": "Warn when someone closes and then opens the next morning",
        "body": (
            '"Clopening" is the worst thing you can do to a barista. I\'d like the scheduler to '
            "flag when someone has less than X hours between the end of one shift and the start of "
            "the next (I'd set 11 hours). Just a warning icon is fine, I don't need it to block me."
        ),
        "tags": ["scheduling", "compliance"],
        "author": "member@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped as part of scheduling rules. Set a minimum rest period under **Settings → "
            "Scheduling rules** and the scheduler shows a warning on any shift that breaks it. You "
            "can choose warn-only or block."
        ),
        "dup_group": None,
        "age_days": 530,
        "popularity": 0.62,
        "comments": [
            {
                "author": "noah.williams@example.com",
                "body": (
                    "As a barista who has done way too many clopens: thank you for asking for this."
                ),
                "official": False,
            },
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "In Germany 11 hours rest is the law (Arbeitszeitgesetz), so for us it must be "
                    "a hard rule, not just a warning."
                ),
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Jonas, you'll be able to choose **Block** instead of **Warn** per location, "
                    "so German locations can enforce it strictly."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "hours-total-per-row",
        "board": "web-app",
        "title": "Show weekly hours total next to each employee in the scheduler",
        "body": (
            "When I'm building the week I constantly have to count in my head how many hours each "
            "person already has. A small total at the end of each employee's row (scheduled hours "
            "this week, and maybe their contracted hours next to it) would make it so much faster "
            "to balance things out."
        ),
        "tags": ["scheduling", "ux"],
        "author": "liam.obrien@example.com",
        "status": "shipped",
        "status_note": (
            "This is live. Each row now shows scheduled hours, and contracted hours if you've "
            "filled them in on the employee profile. Rows turn amber when someone is over their "
            "contract."
        ),
        "dup_group": None,
        "age_days": 640,
        "popularity": 0.7,
        "comments": [
            {
                "author": "hannah.cohen@example.com",
                "body": (
                    "Love this. Could the total also include approved time off? Our hygienists' "
                    "holidays count towards their weekly hours."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "hygienist-room-scheduling",
        "board": "web-app",
        "title": "Schedule clinicians together with treatment rooms",
        "body": (
            "We're a dental practice with 6 chairs and 14 staff. Every shift needs a clinician "
            "*and* a room, and two hygienists can't be in room 3 at the same time. Being able to "
            "attach a room (or any resource) to a shift, and get a warning on double booking, "
            "would let us drop our separate room spreadsheet."
        ),
        "tags": ["scheduling"],
        "author": "hannah.cohen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 204,
        "popularity": 0.21,
        "comments": [
            {
                "author": "aisha.bello@example.com",
                "body": (
                    "Same need for physio clinics: treatment rooms and the gym area. Would vote "
                    "twice if I could."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "schedule-templates",
        "board": "web-app",
        "title": "Save a week as a template and reuse it",
        "body": (
            'We have two different weeks: normal weeks and "event weeks" when there\'s a match at '
            "the stadium next door. I'd like to save each as a named template and apply whichever "
            "I need, instead of copying from whatever last week happened to be."
        ),
        "tags": ["scheduling"],
        "author": "liam.obrien@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped alongside Copy week. Save any week with **Save as template** and apply it "
            "from the template menu. Templates are per location."
        ),
        "dup_group": "copy-schedule",
        "age_days": 600,
        "popularity": 0.45,
        "comments": [],
    },
    {
        "key": "predictive-scheduling-law",
        "board": "web-app",
        "title": "Fair Workweek / predictive scheduling compliance (NYC, Seattle, Oregon)",
        "body": (
            "We're opening stores in Seattle and NYC, which both have predictive scheduling laws. "
            "We need:\n\n- schedules published at least 14 days ahead, with a warning if we're "
            'late\n- automatic tracking of "predictability pay" when we change a shift after '
            "publishing\n- a record of employee consent for added hours\n\nRight now we track all "
            "this in a spreadsheet and it's a lawsuit waiting to happen."
        ),
        "tags": ["compliance", "scheduling"],
        "author": "mei.lin@example.org",
        "status": "planned",
        "status_note": (
            "Planned. We'll start with the 14-day notice check and logging of post-publish changes "
            "with the predictability pay owed, for Seattle, NYC, Oregon, Chicago and Philadelphia. "
            "Employee consent capture follows in a second step."
        ),
        "dup_group": None,
        "age_days": 465,
        "popularity": 0.55,
        "comments": [
            {
                "author": "rebecca.thompson@example.com",
                "body": "Chicago too please. We got burned on this last year.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "Chicago is on the list. We're working with an employment lawyer on each "
                    "jurisdiction's rules, so it'll roll out city by city rather than all at once."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "drag-shift-between-people",
        "board": "web-app",
        "title": "Drag a shift from one employee to another",
        "body": (
            "Moving a shift to a different person currently means opening it, changing the "
            "assignee dropdown and saving. Dragging it onto someone else's row would be much "
            "quicker, the same way dragging between days already works. Holding Alt to duplicate "
            "instead of move would be nice too."
        ),
        "tags": ["scheduling", "ux"],
        "author": "zeynep.yilmaz@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: dragging shifts between employees, with Alt (Option on Mac) to duplicate "
            "instead of move, is part of the next scheduler release."
        ),
        "dup_group": None,
        "age_days": 420,
        "popularity": 0.5,
        "comments": [],
    },
    {
        "key": "overnight-shift-wrong-day",
        "board": "web-app",
        "title": "Overnight shifts should count towards the day they start",
        "body": (
            "Our night crew works 22:00 to 06:00. In the weekly totals the hours get split across "
            "two days, which makes the daily overtime calculation wrong and confuses everyone "
            "reading the schedule. For us a shift belongs to the day it starts, full stop."
        ),
        "tags": ["scheduling", "time-tracking"],
        "author": "kwame.asante@example.com",
        "status": "in_progress",
        "status_note": (
            "We're adding a per-location setting for how overnight shifts are attributed (start "
            "day or split at midnight). Start day will become the default for new accounts."
        ),
        "dup_group": None,
        "age_days": 298,
        "popularity": 0.38,
        "comments": [
            {
                "author": "chen.wei@example.com",
                "body": (
                    "Same for us, 3 shifts around the clock. The split version makes the labour "
                    "report useless for the night shift."
                ),
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Agreed, it's confusing today. Heads-up: in California daily overtime is "
                    "calculated per workday, so we'll show a note when you pick a setting that "
                    "doesn't match your state's rules."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "color-by-position",
        "board": "web-app",
        "title": "Colour shifts by position instead of by location",
        "body": (
            "All our shifts are the same blue because we only have one location. I'd like the "
            "colour to come from the position (kitchen, bar, floor, dish) so I can see coverage at "
            "a glance."
        ),
        "tags": ["scheduling", "ux"],
        "author": "sean.murphy@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 560,
        "popularity": 0.33,
        "comments": [],
    },
    {
        "key": "coverage-graph-day-view",
        "board": "web-app",
        "title": "Hourly coverage graph in the day view",
        "body": (
            "In the day view I'd like a little bar graph at the top showing how many people are on "
            "at each hour (optionally per position). Then I can see straight away that we're thin "
            "from 14:00 to 16:00 and stacked at 12:00."
        ),
        "tags": ["scheduling", "reporting"],
        "author": "diego.alvarez@example.com",
        "status": "planned",
        "status_note": (
            "Planned together with staffing requirements: the graph will show people scheduled "
            "against the minimum you set per hour."
        ),
        "dup_group": None,
        "age_days": 350,
        "popularity": 0.41,
        "comments": [
            {
                "author": "carlos.mendoza@example.com",
                "body": (
                    "If you can overlay sales per hour from the POS on this it would be perfect."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "min-staff-per-hour",
        "board": "web-app",
        "title": "Set minimum staffing per hour and highlight gaps",
        "body": (
            "We have a rule that there are always at least 2 nurses and 1 receptionist during "
            "opening hours. I'd like to enter these requirements once and have the scheduler "
            "highlight any hour where we drop below them, before I publish."
        ),
        "tags": ["scheduling", "compliance"],
        "author": "aisha.bello@example.com",
        "status": "planned",
        "status_note": (
            "Planned. Staffing requirements per position and hour will come first; the hourly "
            "coverage graph is built on top of them."
        ),
        "dup_group": None,
        "age_days": 372,
        "popularity": 0.48,
        "comments": [],
    },
    {
        "key": "undo-scheduler",
        "board": "web-app",
        "title": "Undo (Ctrl+Z) in the scheduler",
        "body": (
            "Yesterday I accidentally dragged a whole row of shifts onto the wrong day and had to "
            "fix them one by one. Please add undo. Even just the last 10 actions would be fine."
        ),
        "tags": ["scheduling", "ux"],
        "author": "fatima.elamrani@example.org",
        "status": "under_review",
        "status_note": (
            "We agree this is overdue. We're reviewing how undo should behave for changes that "
            "already sent notifications (e.g. after publishing)."
        ),
        "dup_group": None,
        "age_days": 190,
        "popularity": 0.44,
        "comments": [
            {
                "author": "liam.obrien@example.com",
                "body": (
                    "For me undo only needs to work on the draft. Once it's published I'm fine "
                    "with it being permanent."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "keyboard-shortcuts-scheduler",
        "board": "web-app",
        "title": "Keyboard shortcuts for building the schedule",
        "body": (
            "Power-user request: arrow keys to move between cells, Enter to create a shift, a key "
            "to cycle positions, C/V to copy and paste shifts. I build schedules for 4 stores "
            "every week and the mouse is slowing me down."
        ),
        "tags": ["scheduling", "accessibility", "ux"],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 146,
        "popularity": 0.19,
        "comments": [
            {
                "author": "nina.larsen@example.com",
                "body": (
                    "Keyboard navigation would also make the scheduler usable for people who can't "
                    "use a mouse at all. Right now it basically isn't."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "month-view",
        "board": "web-app",
        "title": "Month view for the schedule",
        "body": (
            "Our clinic plans on-call weekends a month ahead. The week view is great for daily "
            "work, but I'd love a compact month view where I can see who is on call each weekend "
            "without clicking through four weeks."
        ),
        "tags": ["scheduling", "calendar"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 233,
        "popularity": 0.27,
        "comments": [],
    },
    {
        "key": "bulk-edit-shifts",
        "board": "web-app",
        "title": "Select multiple shifts and edit them at once",
        "body": (
            "When our opening hours change (every season for us) I have to edit dozens of shifts "
            "one by one. Let me select multiple shifts (Shift+click or a lasso) and change the "
            "start time, end time, position or break for all of them at once."
        ),
        "tags": ["scheduling", "ux"],
        "author": "liam.obrien@example.com",
        "status": "planned",
        "status_note": (
            "Planned for the next scheduler release. Multi-select with Shift/Ctrl+click, then edit "
            "times, position, break or delete in bulk."
        ),
        "dup_group": "bulk-edit",
        "age_days": 350,
        "popularity": 0.49,
        "comments": [
            {
                "author": "zeynep.yilmaz@example.com",
                "body": (
                    'Please include "move by X hours". When the hotel shifts breakfast by half an '
                    "hour, every housekeeping shift moves too."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "move-many-shifts",
        "board": "web-app",
        "title": "Push a whole day's shifts back by an hour in one go",
        "body": (
            "Breakfast service at our hotel starts at 6:30 in winter and 6:00 in summer. When that "
            "changes I need to move 25 housekeeping and kitchen shifts by 30 minutes. Doing it one "
            "at a time takes forever. Could there be a way to grab them all and nudge them "
            "together?"
        ),
        "tags": ["scheduling"],
        "author": "zeynep.yilmaz@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "bulk-edit",
        "age_days": 85,
        "popularity": 0.08,
        "comments": [
            {
                "author": "bram.devries@example.com",
                "body": (
                    'Hi Zeynep, this sounds like the same request as "Select multiple shifts and '
                    'edit them at once", which is planned. Worth adding your vote there too.'
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "rotating-patterns",
        "board": "web-app",
        "title": "Rotating shift patterns (4 on / 4 off, DuPont, Panama)",
        "body": (
            "Our warehouse runs 12-hour shifts on a 2-2-3 Panama rotation across 4 crews. It "
            "repeats every 14 days, which doesn't fit weekly templates at all. I'd like to define "
            "a rotation once, assign crews to it, and have Shiftly roll it forward for the next 3 "
            "months."
        ),
        "tags": ["scheduling"],
        "author": "chen.wei@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. Multi-week rotations come up a lot in warehouses and healthcare; we're "
            "checking how they should interact with templates and time off."
        ),
        "dup_group": None,
        "age_days": 410,
        "popularity": 0.52,
        "comments": [
            {
                "author": "marcus.brown@example.com",
                "body": (
                    "Security guards work 4 on / 4 off across 8-week cycles here. Same problem."
                ),
                "official": False,
            },
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "We use a 3-shift rotation (Früh/Spät/Nacht) that changes weekly. Would love "
                    "this."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "skills-qualifications",
        "board": "web-app",
        "title": "Only suggest people with the right qualification for a shift",
        "body": (
            "Some shifts need someone with a forklift licence or first-aid training. I'd like to "
            "tag employees with skills and tag shifts with requirements, so the scheduler only "
            "suggests qualified people and warns me when I assign someone who isn't."
        ),
        "tags": ["scheduling", "compliance"],
        "author": "kwame.asante@example.com",
        "status": "planned",
        "status_note": (
            "Planned. Skills on employees and required skills on shifts and positions, with a "
            "warning in the scheduler and filtering of open-shift eligibility."
        ),
        "dup_group": None,
        "age_days": 445,
        "popularity": 0.58,
        "comments": [
            {
                "author": "aisha.bello@example.com",
                "body": (
                    "Would be great for our clinics: some shifts need someone who can do dry "
                    "needling."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "fair-weekend-distribution",
        "board": "web-app",
        "title": "Help me share weekend shifts fairly",
        "body": (
            "There are always complaints that some people get every Saturday and others never do. "
            "A simple count of how many weekend shifts each employee worked over the last 8 weeks, "
            "visible while I'm scheduling, would help me be fair and show it when people ask."
        ),
        "tags": ["scheduling", "reporting"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 120,
        "popularity": 0.23,
        "comments": [],
    },
    {
        "key": "week-starts-sunday",
        "board": "web-app",
        "title": "Let us choose which day the week starts on",
        "body": (
            "Our pay week runs Wednesday to Tuesday, but the schedule always starts on Monday. So "
            "overtime in the scheduler never lines up with what payroll calculates. Please let us "
            "set the start day of the week per account."
        ),
        "tags": ["scheduling", "payroll"],
        "author": "carlos.mendoza@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped. Set the work-week start day under **Settings → Company**. Overtime warnings "
            "and weekly totals follow it."
        ),
        "dup_group": None,
        "age_days": 690,
        "popularity": 0.4,
        "comments": [],
    },
    {
        "key": "multi-timezone-locations",
        "board": "web-app",
        "title": "Show shifts in each location's own time zone",
        "body": (
            "We have stores in Denver and Phoenix. When I schedule from head office in Denver, "
            "Phoenix shifts appear shifted by an hour for half the year (Arizona doesn't do "
            "daylight saving). Each location should display and store its own local time."
        ),
        "tags": ["scheduling"],
        "author": "rebecca.thompson@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: locations get their own time zone and shifts are always displayed in the "
            "location's local time, with a small badge when it differs from yours."
        ),
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.35,
        "comments": [
            {
                "author": "pm@example.com",
                "body": (
                    "Thanks Rebecca, the Arizona case was a great test. We're also fixing the "
                    "DST-week bug that affected overnight shifts."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "dst-overnight-bug",
        "board": "web-app",
        "title": "Overnight shift on the DST weekend shows 9 hours instead of 8",
        "body": (
            "When the clocks went back, our 22:00-06:00 warehouse shift was shown and paid as 8 "
            "hours in the schedule, but the timesheet said 9 (which is correct in real life). Can "
            "the scheduler use actual elapsed time?"
        ),
        "tags": ["scheduling", "time-tracking"],
        "author": "jonas.becker@example.com",
        "status": "in_progress",
        "status_note": (
            "We've found the cause: scheduled hours used wall-clock time instead of elapsed time "
            "on daylight-saving nights. The fix ships together with per-location time zones."
        ),
        "dup_group": None,
        "age_days": 230,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "floating-employees",
        "board": "web-app",
        "title": "Employees who work at several locations (floaters)",
        "body": (
            "About 10 of our staff float between our 3 restaurants. Today they have to be set up 3 "
            "times. I'd like one employee record that can be scheduled at any of their locations, "
            "with a warning if they are double-booked across locations and a single weekly hours "
            "total."
        ),
        "tags": ["scheduling"],
        "author": "maria.gonzalez@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: employees can belong to multiple locations. The scheduler warns about "
            "cross-location conflicts and totals include every location."
        ),
        "dup_group": None,
        "age_days": 705,
        "popularity": 0.66,
        "comments": [
            {
                "author": "carlos.mendoza@example.com",
                "body": "Could their wage differ per location? Our downtown store pays $1 more.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Carlos, that's tracked as its own idea: \"Different pay rates per location or "
                    'role". Please vote there.'
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "opening-checklist",
        "board": "web-app",
        "title": "Checklists attached to shifts (opening / closing tasks)",
        "body": (
            "Each opening shift has the same 12 tasks: unlock, count the float, check fridge "
            "temperatures, etc. I'd love to attach a checklist to a shift template that the "
            "employee ticks off in the app, so I can see in the morning that it was actually done "
            "(and who did it)."
        ),
        "tags": ["scheduling"],
        "author": "member@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. This is a bigger feature (tasks, templates, completion reports) and "
            "we're talking to customers about how far it should go."
        ),
        "dup_group": None,
        "age_days": 500,
        "popularity": 0.6,
        "comments": [
            {
                "author": "diego.alvarez@example.com",
                "body": (
                    "Fridge temperature logging with a number field would cover our food safety "
                    "records too."
                ),
                "official": False,
            },
            {
                "author": "kenji.watanabe@example.com",
                "body": (
                    "We'd love to hear more examples like Diego's. What kinds of tasks would you "
                    "put on a checklist? Reply below and we'll feed it into the design."
                ),
                "official": True,
            },
            {
                "author": "liam.obrien@example.com",
                "body": (
                    "Cash-up with the final till count, and a photo of the stockroom before "
                    "closing."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "schedule-day-notes",
        "board": "web-app",
        "title": "Add a note to a day in the schedule (events, deliveries)",
        "body": (
            'Things like "wedding party of 80 at 19:00" or "delivery truck 7am" should appear at '
            "the top of the day in the schedule so the whole team sees why there are extra shifts."
        ),
        "tags": ["scheduling"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 480,
        "popularity": 0.29,
        "comments": [],
    },
    {
        "key": "public-holidays-calendar",
        "board": "web-app",
        "title": "Show public holidays in the scheduler",
        "body": (
            "We operate in Ireland and Northern Ireland, which have different bank holidays. A "
            "little marker on holiday dates (per location) would stop me scheduling as if it were "
            "a normal Monday and forgetting the holiday premium."
        ),
        "tags": ["scheduling", "calendar"],
        "author": "sean.murphy@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: pick a country/region per location and public holidays show in the scheduler "
            "header."
        ),
        "dup_group": None,
        "age_days": 505,
        "popularity": 0.31,
        "comments": [
            {
                "author": "lukas.schmidt@example.com",
                "body": "Works well for Bavaria including the regional ones. Danke!",
                "official": False,
            },
        ],
    },
    {
        "key": "holiday-pay-premium",
        "board": "web-app",
        "title": "Automatic holiday pay multiplier on public holidays",
        "body": (
            "Staff who work on a public holiday get time and a half under our contract. Now that "
            "holidays show in the scheduler, it would make sense to apply the multiplier "
            "automatically in the labour cost estimate and the payroll export instead of fixing it "
            "by hand."
        ),
        "tags": ["payroll", "compliance"],
        "author": "sean.murphy@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 160,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "on-call-shifts",
        "board": "web-app",
        "title": "On-call / standby shifts",
        "body": (
            "Our clinic has standby shifts where a physio is on call from home and only comes in "
            "if needed. They get a flat standby allowance, plus normal pay for the hours they "
            'actually work. Right now we fake it with a shift called "ON CALL" which messes up '
            "hours totals."
        ),
        "tags": ["scheduling", "payroll"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 178,
        "popularity": 0.2,
        "comments": [
            {
                "author": "marcus.brown@example.com",
                "body": "Same for our security teams, standby is paid at a flat rate.",
                "official": False,
            },
        ],
    },
    {
        "key": "scheduled-publish",
        "board": "web-app",
        "title": "Publish the schedule automatically at a set time",
        "body": (
            "I build next week's schedule on Sunday evening but I don't want staff to get "
            'notifications at 11pm. Let me pick "publish Monday 9:00" and have it go out then.'
        ),
        "tags": ["scheduling", "notifications"],
        "author": "member@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 67,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "publish-single-department",
        "board": "web-app",
        "title": "Publish only the kitchen schedule while the floor is still a draft",
        "body": (
            "Our kitchen manager finishes her part of the schedule on Wednesday, the "
            "front-of-house manager usually on Friday. Currently publishing is all or nothing for "
            "the location, so kitchen staff wait two extra days. Please allow publishing per "
            "department/position."
        ),
        "tags": ["scheduling"],
        "author": "diego.alvarez@example.com",
        "status": "under_review",
        "status_note": (
            "We're reviewing per-position publishing. The tricky part is employees who work in "
            "both departments; we'll share a proposal here."
        ),
        "dup_group": None,
        "age_days": 215,
        "popularity": 0.3,
        "comments": [],
    },
    {
        "key": "minor-labor-rules",
        "board": "web-app",
        "title": "Rules for under-18 employees (school nights, max hours)",
        "body": (
            "We hire a lot of 16 and 17 year olds. In our state they can't work past 10pm on "
            "school nights or more than 18 hours in a school week. I'd like to mark an employee as "
            "a minor and have the scheduler enforce those limits."
        ),
        "tags": ["compliance", "scheduling"],
        "author": "carlos.mendoza@example.com",
        "status": "under_review",
        "status_note": (
            "Under review with our legal advisor. Rules vary a lot by state and country, so we're "
            "looking at configurable limits rather than built-in rules per state."
        ),
        "dup_group": None,
        "age_days": 380,
        "popularity": 0.39,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "Jugendarbeitsschutzgesetz in Germany is similar: no work after 20:00 for "
                    "under-18s, 8 hours max per day."
                ),
                "official": False,
            },
        ],
    },
    # --- web app: rules, overtime, breaks
    {
        "key": "overtime-warning-scheduling",
        "board": "web-app",
        "title": "Warn me before I schedule someone into overtime",
        "body": (
            "Last month we paid almost $2,000 in overtime that nobody planned, because managers "
            "added shifts without noticing the person was already at 38 hours. The scheduler "
            "should show a clear warning when a new shift would push someone over 40 hours (or "
            "whatever the limit is in their state)."
        ),
        "tags": ["scheduling", "compliance"],
        "author": "mei.lin@example.org",
        "status": "shipped",
        "status_note": (
            "Shipped: the scheduler flags shifts that create weekly or daily overtime, using the "
            "overtime rules set for each location. Hover the icon to see the projected overtime "
            "hours."
        ),
        "dup_group": "overtime-alerts",
        "age_days": 590,
        "popularity": 0.74,
        "comments": [
            {
                "author": "rebecca.thompson@example.com",
                "body": "This alone has paid for Shiftly for us. Thank you!",
                "official": False,
            },
            {
                "author": "cm@example.com",
                "body": (
                    "Love hearing that, Rebecca! If you spot any state-specific rule we got wrong, "
                    "post it here."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "approaching-40-hours-alert",
        "board": "web-app",
        "title": "Alert managers when an employee is close to 40 clocked hours",
        "body": (
            "The scheduling warning is great, but overtime actually happens when people stay late "
            "or pick up extra shifts. I'd like an alert when someone's *actual* clocked hours "
            "reach, say, 36 for the week, so I can send them home earlier on Friday."
        ),
        "tags": ["time-tracking", "notifications", "compliance"],
        "author": "carlos.mendoza@example.com",
        "status": "under_review",
        "status_note": (
            "The scheduling-time warning has shipped; alerts based on actual clocked hours are "
            "under review. We want to avoid flooding managers, so we're looking at a single daily "
            "summary plus an immediate alert for a threshold you choose."
        ),
        "dup_group": "overtime-alerts",
        "age_days": 330,
        "popularity": 0.36,
        "comments": [],
    },
    {
        "key": "california-meal-breaks",
        "board": "web-app",
        "title": "California meal and rest break compliance",
        "body": (
            "California requires a 30-minute meal break before the 5th hour of work and a "
            "10-minute rest break for every 4 hours. If we miss it we owe an hour of premium pay. "
            "We need Shiftly to:\n\n- schedule breaks according to these rules\n- flag late or "
            "missed meal breaks from the actual punches\n- add the premium hour to the payroll "
            "export automatically"
        ),
        "tags": ["compliance", "time-tracking", "payroll"],
        "author": "diego.alvarez@example.com",
        "status": "planned",
        "status_note": (
            "Planned. We're building a break rules engine that starts with California meal/rest "
            "rules (including premium pay in the export), then adds other states and the EU "
            "Working Time Directive."
        ),
        "dup_group": "break-compliance",
        "age_days": 470,
        "popularity": 0.55,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": "Not in California but this would still help us keep breaks consistent.",
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Small update: we've finished the design and are now working with two "
                    "California customers to validate the rules against their last 3 months of "
                    "punches."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "break-violation-report",
        "board": "web-app",
        "title": "Report of missed or short breaks",
        "body": (
            "HR wants a monthly report of every shift where a break was missed, shorter than "
            "required, or taken too late, per location. Right now I export timesheets to Excel and "
            "use a pile of formulas. It would be great to have this built in, filterable by "
            "manager."
        ),
        "tags": ["reporting", "compliance"],
        "author": "rebecca.thompson@example.com",
        "status": "under_review",
        "status_note": (
            "This will likely ship as part of the break rules work. Reviewing now which details "
            "the report needs (per shift vs per employee)."
        ),
        "dup_group": "break-compliance",
        "age_days": 250,
        "popularity": 0.27,
        "comments": [],
    },
    {
        "key": "eu-working-time-48h",
        "board": "web-app",
        "title": "EU Working Time Directive: 48h average over 17 weeks",
        "body": (
            "In Ireland (and the rest of the EU) the limit is an average of 48 hours a week over a "
            "reference period, not a hard weekly cap. The overtime warning only looks at the "
            "current week. Could we get a warning based on the rolling average?"
        ),
        "tags": ["compliance", "scheduling"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 140,
        "popularity": 0.22,
        "comments": [
            {
                "author": "fatima.elamrani@example.org",
                "body": (
                    "Belgium has different reference periods per sector, so it should be "
                    "configurable."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "shift-differential-night",
        "board": "web-app",
        "title": "Night and weekend pay premiums (shift differentials)",
        "body": (
            "We pay +15% between 22:00 and 06:00 and +25% on Sundays. The labour cost in the "
            "scheduler ignores this so our projections are always too low, and the payroll export "
            "just sends total hours. Please let us define differentials by time of day and day of "
            "week."
        ),
        "tags": ["payroll", "reporting"],
        "author": "chen.wei@example.com",
        "status": "planned",
        "status_note": (
            "Planned. Differentials will be defined per location by time window and day, applied "
            "to labour cost estimates and exported as separate pay codes."
        ),
        "dup_group": None,
        "age_days": 395,
        "popularity": 0.47,
        "comments": [
            {
                "author": "olga.petrova@example.net",
                "body": (
                    "Separate pay codes in the export are essential, our payroll needs the premium "
                    "hours split out."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "multiple-pay-rates",
        "board": "web-app",
        "title": "Different pay rates per location or role",
        "body": (
            "Some employees work as a cook at one location and as a dishwasher at another, with "
            "different hourly rates. Shiftly only stores one wage per person, so both labour cost "
            "and payroll export are off. Let us set a rate per position and per location."
        ),
        "tags": ["payroll"],
        "author": "carlos.mendoza@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: set pay rates per position and per location on the employee profile. The "
            "most specific rate wins, and the payroll export shows hours per rate."
        ),
        "dup_group": None,
        "age_days": 708,
        "popularity": 0.57,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": "Works nicely with the Gusto export. Thanks!",
                "official": False,
            },
        ],
    },
    {
        "key": "hide-wages-from-managers",
        "board": "web-app",
        "title": "Hide wages from store managers",
        "body": (
            "Our store managers need to build schedules but shouldn't see what their colleagues "
            "earn. Today anyone with manager permissions sees hourly rates in the labour cost "
            "breakdown. Please add a permission to hide individual wages and only show total "
            "labour cost."
        ),
        "tags": ["permissions", "security"],
        "author": "mei.lin@example.org",
        "status": "under_review",
        "status_note": (
            'We\'ll most likely solve this with a separate "View wages" permission as part of '
            "custom roles, which is planned. Keeping this idea open to track it."
        ),
        "dup_group": None,
        "age_days": 575,
        "popularity": 0.53,
        "comments": [],
    },
    # --- web app: time off and availability
    {
        "key": "pto-accrual-tracking",
        "board": "web-app",
        "title": "PTO accrual tracking",
        "body": (
            "We give 1 hour of paid time off for every 30 hours worked (that's the law here). "
            "Right now our payroll company tracks balances and employees have to email HR to find "
            "out how much they have. Shiftly already knows the hours worked, so it could accrue "
            "PTO and show balances to managers when they approve requests."
        ),
        "tags": ["time-off", "payroll"],
        "author": "rebecca.thompson@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: accrual policies (per hour worked, per pay period or yearly grant), with "
            "caps and carry-over. Balances show when approving requests and to employees in the "
            "app."
        ),
        "dup_group": "pto-balance",
        "age_days": 610,
        "popularity": 0.4,
        "comments": [
            {
                "author": "olga.petrova@example.net",
                "body": "Can we import opening balances from a CSV? We have 300 people.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Yes, Olga: Settings → Time off → Import balances accepts a CSV with employee "
                    "ID, policy and balance."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "blackout-dates",
        "board": "web-app",
        "title": "Blackout dates where time off can't be requested",
        "body": (
            "From 15 December to 2 January nobody in our stores can take holiday, it's our busiest "
            "time. Every year people still request it and I have to decline them one by one. "
            "Please let me set blackout periods so the app tells them up front."
        ),
        "tags": ["time-off"],
        "author": "mei.lin@example.org",
        "status": "shipped",
        "status_note": (
            "Shipped. Blackout periods can be set per location; employees see them greyed out in "
            "the request form. Managers can still add time off manually if needed."
        ),
        "dup_group": None,
        "age_days": 540,
        "popularity": 0.51,
        "comments": [],
    },
    {
        "key": "max-people-off-per-day",
        "board": "web-app",
        "title": "Limit how many people can be off on the same day",
        "body": (
            "We can cope with 2 housekeepers off on any given day, not 4. It would help if I could "
            "set a maximum per position and day, and new requests over that limit either get "
            "flagged or go onto a waiting list."
        ),
        "tags": ["time-off", "scheduling"],
        "author": "zeynep.yilmaz@example.com",
        "status": "planned",
        "status_note": (
            "Planned: per-position limits on concurrent time off, with requests over the limit "
            "flagged for the manager. A waiting list is not in the first version."
        ),
        "dup_group": None,
        "age_days": 300,
        "popularity": 0.37,
        "comments": [],
    },
    {
        "key": "half-day-time-off",
        "board": "web-app",
        "title": "Half-day time-off requests",
        "body": (
            "Our staff often want a morning off for a doctor's appointment. Right now they can "
            "only request full days, so the balance goes down by 8 hours when they're only away "
            "for 4. Half days, or even hours, would be much fairer."
        ),
        "tags": ["time-off"],
        "author": "hannah.cohen@example.com",
        "status": "planned",
        "status_note": (
            "Planned: requests for half days or a specific time range, with balances deducted by "
            "the actual hours requested."
        ),
        "dup_group": None,
        "age_days": 450,
        "popularity": 0.34,
        "comments": [],
    },
    {
        "key": "custom-time-off-types",
        "board": "web-app",
        "title": "Custom time-off types (bereavement, jury duty, study leave)",
        "body": (
            "We only have Vacation, Sick and Unpaid. We need to track bereavement leave, jury "
            "duty, study leave for apprentices and parental leave separately, each with its own "
            "rules on whether it's paid and whether it comes off a balance."
        ),
        "tags": ["time-off", "payroll"],
        "author": "fatima.elamrani@example.org",
        "status": "under_review",
        "status_note": (
            "Under review. We're working out which leave types need their own balance and which "
            "only need a separate payroll code, so examples from your country are very welcome."
        ),
        "dup_group": None,
        "age_days": 520,
        "popularity": 0.32,
        "comments": [],
    },
    {
        "key": "team-vacation-calendar",
        "board": "web-app",
        "title": "Team calendar of who is on holiday",
        "body": (
            "Before approving a request I want to see everyone who is already off that week, on "
            "one calendar, without opening each request. A simple month calendar with approved and "
            "pending time off, filterable by location and position."
        ),
        "tags": ["time-off", "calendar"],
        "author": "olga.petrova@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 98,
        "popularity": 0.26,
        "comments": [
            {
                "author": "aisha.bello@example.com",
                "body": (
                    "Please also show it to employees (without the reason). Our team likes to "
                    "check before they request."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "two-level-time-off-approval",
        "board": "web-app",
        "title": "Two-step approval for long holidays",
        "body": (
            "Any holiday over 2 weeks has to be approved by both the store manager and the "
            "regional manager in our company. Could time-off requests have an approval chain based "
            "on length?"
        ),
        "tags": ["time-off", "permissions"],
        "author": "fatima.elamrani@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 74,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "sick-note-attachment",
        "board": "web-app",
        "title": "Attach a doctor's note to a sick day",
        "body": (
            "After 3 days of sickness our staff need to hand in a medical certificate. It would be "
            "great if they could take a photo of it in the app and attach it to the absence, "
            "visible only to HR."
        ),
        "tags": ["time-off"],
        "author": "lukas.schmidt@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 255,
        "popularity": 0.2,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "In Germany this is mostly electronic now (eAU), but for mini-jobbers and some "
                    "cases we still get paper. Would be useful."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "alternating-week-availability",
        "board": "web-app",
        "title": "Availability for alternating weeks",
        "body": (
            "I'm a student and my uni timetable is different in even and odd weeks. Right now I "
            "can only set one weekly availability, so I end up marking myself unavailable for both "
            "sets of lectures, and then I get fewer shifts. Please let me set week A and week B."
        ),
        "tags": ["scheduling"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "alt-availability",
        "age_days": 260,
        "popularity": 0.26,
        "comments": [
            {
                "author": "isabela.costa@example.com",
                "body": "Same situation for me, my classes alternate every other week.",
                "official": False,
            },
        ],
    },
    {
        "key": "availability-deadline",
        "board": "web-app",
        "title": "Deadline for staff to submit availability, with reminders",
        "body": (
            "I build the schedule on Thursdays, and every week I'm chasing people for their "
            "availability. Let me set a deadline (e.g. Tuesday 18:00) and have the app remind "
            "anyone who hasn't confirmed their availability for next week."
        ),
        "tags": ["scheduling", "notifications"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 170,
        "popularity": 0.25,
        "comments": [],
    },
    {
        "key": "approve-availability-changes",
        "board": "web-app",
        "title": "Manager approval for availability changes",
        "body": (
            "Employees can change their availability whenever they want, and sometimes someone "
            "removes all their weekends without telling anyone. I'd like changes to need manager "
            "approval, or at least notify me with the before/after."
        ),
        "tags": ["scheduling", "permissions"],
        "author": "diego.alvarez@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. Approval would be optional per location; we're still deciding how rejected "
            "changes are explained to the employee."
        ),
        "dup_group": None,
        "age_days": 480,
        "popularity": 0.43,
        "comments": [],
    },
    # --- web app: open shifts
    {
        "key": "open-shift-marketplace",
        "board": "web-app",
        "title": "Open shifts that qualified staff can claim",
        "body": (
            'When someone quits or I need extra cover, I\'d like to post the shift as "open" '
            "instead of texting 15 people. Everyone who could work it (right position, available, "
            "not going into overtime) sees it in the app and can claim it. I approve, or it's "
            "first come, first served."
        ),
        "tags": ["scheduling", "shift-swap"],
        "author": "member@example.com",
        "status": "shipped",
        "status_note": (
            "Open shifts are live! Eligible employees get a push notification and can claim from "
            "the app. Choose per location between manager approval and first-come-first-served."
        ),
        "dup_group": "open-shifts",
        "age_days": 700,
        "popularity": 0.79,
        "comments": [
            {
                "author": "kwame.asante@example.com",
                "body": "Game changer for our weekend cover.",
                "official": False,
            },
            {
                "author": "sean.murphy@example.com",
                "body": (
                    "Can I post an open shift for only some of the eligible people? Sometimes I "
                    "want to offer it to my regulars first."
                ),
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Seán, you can pick specific people when creating the open shift (Offer to → "
                    "Selected employees). Staged offering (regulars first, everyone after 2 hours) "
                    "is a separate idea worth posting!"
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "staged-open-shift-offers",
        "board": "web-app",
        "title": "Offer open shifts to regulars first, then to everyone",
        "body": (
            "Follow-up to open shifts: I'd like to offer a shift to my core team first and, if "
            "nobody claims it within a few hours, open it up to the rest of the eligible staff "
            "automatically. Right now I have to remember to go back and change it."
        ),
        "tags": ["scheduling", "shift-swap"],
        "author": "sean.murphy@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 410,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "cover-bonus-incentive",
        "board": "web-app",
        "title": "Add a bonus to hard-to-fill open shifts",
        "body": (
            "For last-minute Saturday night cover we pay a $20 bonus. I'd like to add that bonus "
            "to the open shift so people see it when they decide, and so it flows to payroll "
            "without me remembering."
        ),
        "tags": ["scheduling", "payroll"],
        "author": "carlos.mendoza@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 58,
        "popularity": 0.13,
        "comments": [],
    },
    # --- web app: timesheets
    {
        "key": "bulk-approve-timesheets",
        "board": "web-app",
        "title": "Approve all timesheets without issues in one click",
        "body": (
            "Every pay period I approve 120 timesheets, and 100 of them are perfect (clocked in "
            "and out on time, breaks taken). Please let me approve everything without exceptions "
            "in one go, so I only have to look at the 20 with missed punches or overtime."
        ),
        "tags": ["time-tracking", "payroll", "ux"],
        "author": "olga.petrova@example.net",
        "status": "shipped",
        "status_note": (
            "Shipped: **Approve all clean timesheets** in the timesheet view approves every "
            "timesheet with no warnings. Flagged ones stay for manual review."
        ),
        "dup_group": None,
        "age_days": 630,
        "popularity": 0.72,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": "This saves me about two hours per client per pay run.",
                "official": False,
            },
        ],
    },
    {
        "key": "punch-rounding-rules",
        "board": "web-app",
        "title": "Rounding rules for clock-in/out (e.g. nearest 15 minutes)",
        "body": (
            "We round punches to the nearest quarter hour (7-minute rule), like our previous time "
            "clock did. Shiftly records the exact minute, so payroll has to round by hand. Please "
            "add configurable rounding: nearest 5/10/15 minutes, and maybe rounding only in the "
            "employee's favour."
        ),
        "tags": ["time-tracking", "payroll"],
        "author": "marcus.brown@example.com",
        "status": "declined",
        "status_note": (
            "We've decided not to add punch rounding. Labour regulators and courts in several US "
            "states now treat rounding that isn't strictly neutral as unpaid wages, and "
            "exact-minute pay is simpler to defend. Shiftly will keep recording and exporting "
            "exact punches."
        ),
        "dup_group": None,
        "age_days": 600,
        "popularity": 0.42,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "Please keep the option to not round at all, our works council wouldn't accept "
                    "rounding."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "prevent-early-clock-in",
        "board": "web-app",
        "title": "Prevent clocking in more than 10 minutes before the shift",
        "body": (
            "Some staff clock in 30 minutes early and sit in the break room with a coffee, and we "
            "end up paying for it. Could we block clock-in before a configurable number of minutes "
            "ahead of the scheduled start (with a manager override)?"
        ),
        "tags": ["time-tracking"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 545,
        "popularity": 0.39,
        "comments": [],
    },
    {
        "key": "auto-clock-out",
        "board": "web-app",
        "title": "Auto clock-out people who forget to clock out",
        "body": (
            "At least twice a week someone forgets to clock out and their timesheet shows 19 "
            "hours. Could Shiftly automatically clock people out a set time after their scheduled "
            "end (and flag the timesheet for review) instead of leaving it open forever?"
        ),
        "tags": ["time-tracking"],
        "author": "kwame.asante@example.com",
        "status": "declined",
        "status_note": (
            "We won't clock people out automatically: closing a punch at the scheduled end can "
            "underpay someone who genuinely stayed late. Instead, open punches are flagged after a "
            "maximum shift length you choose and the manager gets a notification to fix them."
        ),
        "dup_group": None,
        "age_days": 580,
        "popularity": 0.5,
        "comments": [],
    },
    {
        "key": "timesheet-audit-trail",
        "board": "web-app",
        "title": "Show who edited a timesheet and what changed",
        "body": (
            "We had a dispute where an employee said their hours were changed. We couldn't prove "
            "anything because timesheet edits aren't logged anywhere visible. Every edit should "
            "record who, when, old value, new value and an optional reason."
        ),
        "tags": ["time-tracking", "security", "compliance"],
        "author": "jonas.becker@example.com",
        "status": "shipped",
        "status_note": (
            "Every timesheet now has a history panel with who changed what, when, and the reason "
            "given. Reasons can be made mandatory in settings."
        ),
        "dup_group": None,
        "age_days": 500,
        "popularity": 0.46,
        "comments": [
            {
                "author": "rebecca.thompson@example.com",
                "body": "Mandatory reasons are great, thanks.",
                "official": False,
            },
        ],
    },
    {
        "key": "lock-pay-period",
        "board": "web-app",
        "title": "Lock timesheets once payroll has been run",
        "body": (
            "A manager edited a timesheet from two weeks ago after I'd already sent payroll, and "
            "the numbers no longer matched. Please let me lock a pay period so nobody can change "
            "it, unless an admin unlocks it (with a log entry)."
        ),
        "tags": ["time-tracking", "payroll", "permissions"],
        "author": "olga.petrova@example.net",
        "status": "planned",
        "status_note": (
            "Planned. Pay periods can be locked after export; changes afterwards require an admin "
            "unlock and appear as adjustments in the next period's export."
        ),
        "dup_group": None,
        "age_days": 320,
        "popularity": 0.45,
        "comments": [],
    },
    {
        "key": "employee-timesheet-signoff",
        "board": "web-app",
        "title": "Employees confirm their timesheet before payroll",
        "body": (
            'Our works council wants employees to confirm their hours each month. A "these hours '
            'are correct" button for the employee (with the date stored) would save us printing '
            "and signing paper timesheets."
        ),
        "tags": ["time-tracking", "compliance"],
        "author": "jonas.becker@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 190,
        "popularity": 0.21,
        "comments": [],
    },
    {
        "key": "job-codes-during-shift",
        "board": "web-app",
        "title": "Switch job codes during a shift",
        "body": (
            "Our warehouse staff often start on receiving and move to picking after lunch. Clients "
            "are billed differently for each, so we need to know the hours per activity. Let "
            "employees switch tasks in the app without clocking out and in again."
        ),
        "tags": ["time-tracking", "reporting"],
        "author": "mohammed.alsayed@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing task/job-code tracking. We'd like to know whether you need codes set by "
            "managers only, or chosen by employees."
        ),
        "dup_group": None,
        "age_days": 345,
        "popularity": 0.33,
        "comments": [
            {
                "author": "chen.wei@example.com",
                "body": "Chosen by employees from a short list set by managers, ideally.",
                "official": False,
            },
        ],
    },
    {
        "key": "scheduled-vs-actual",
        "board": "web-app",
        "title": "Compare scheduled vs actual hours per employee",
        "body": (
            "I'd like to see, for each person and week, scheduled hours next to actual clocked "
            "hours, with the difference. It would tell me who consistently leaves early or stays "
            "late, and help me schedule more realistically."
        ),
        "tags": ["reporting", "time-tracking"],
        "author": "liam.obrien@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: a Scheduled vs actual report by employee, position or location, with the "
            "difference per week and a CSV export."
        ),
        "dup_group": None,
        "age_days": 555,
        "popularity": 0.44,
        "comments": [],
    },
    {
        "key": "california-daily-overtime",
        "board": "web-app",
        "title": "Daily overtime and double time (California rules)",
        "body": (
            "In California, overtime kicks in after 8 hours in a day, double time after 12, and "
            "the 7th consecutive day has its own rules. Shiftly only calculates weekly overtime, "
            "so our timesheets are wrong for anyone doing long days."
        ),
        "tags": ["compliance", "payroll", "time-tracking"],
        "author": "diego.alvarez@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: overtime rules can now include daily thresholds, double time and the "
            "7th-consecutive-day rule. A California preset is included."
        ),
        "dup_group": None,
        "age_days": 650,
        "popularity": 0.48,
        "comments": [],
    },
    {
        "key": "attendance-lateness-report",
        "board": "web-app",
        "title": "Attendance report: late arrivals and no-shows",
        "body": (
            "I want a simple report listing every late clock-in (more than 5 minutes after shift "
            "start) and every no-show for the month, per employee, so I can have fair "
            "conversations based on facts instead of my memory."
        ),
        "tags": ["reporting", "time-tracking"],
        "author": "marcus.brown@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: the Attendance report lists late arrivals, early departures and no-shows "
            "with a configurable grace period."
        ),
        "dup_group": None,
        "age_days": 470,
        "popularity": 0.41,
        "comments": [],
    },
    {
        "key": "attendance-points",
        "board": "web-app",
        "title": "Attendance points system",
        "body": (
            "Many warehouses use a points policy: late = 0.5 points, no-show = 2 points, points "
            "drop off after 90 days, and at 8 points there's a formal review. Could Shiftly track "
            "points automatically based on the attendance data?"
        ),
        "tags": ["time-tracking", "reporting"],
        "author": "chen.wei@example.com",
        "status": "declined",
        "status_note": (
            "We've decided not to build a points system. Policies vary enormously and automatic "
            "disciplinary scoring goes against employment rules in several of the countries we "
            "serve. The Attendance report export gives you the raw data to apply your own policy."
        ),
        "dup_group": None,
        "age_days": 430,
        "popularity": 0.28,
        "comments": [
            {
                "author": "kwame.asante@example.com",
                "body": "Understandable. The export works fine for us with a spreadsheet.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Thanks Kwame. We've also added a grace period setting to the attendance "
                    'report so you can match your policy\'s definition of "late".'
                ),
                "official": True,
            },
        ],
    },
    # --- web app: reports and labour cost
    {
        "key": "labour-cost-by-department",
        "board": "web-app",
        "title": "Labour cost report by department",
        "body": (
            "Our hotel has housekeeping, front desk, kitchen and maintenance. Management wants to "
            "see labour cost per department per week, scheduled and actual. The current labour "
            "report only groups by location, so I rebuild this in Excel every Monday."
        ),
        "tags": ["reporting", "payroll"],
        "author": "olga.petrova@example.net",
        "status": "planned",
        "status_note": (
            "Planned: the labour cost report will get grouping by position, department and custom "
            "employee fields, for both scheduled and actual cost."
        ),
        "dup_group": "labour-cost-report",
        "age_days": 300,
        "popularity": 0.37,
        "comments": [
            {
                "author": "zeynep.yilmaz@example.com",
                "body": (
                    "Yes please, housekeeping is always blamed for going over budget and I'd like "
                    "the numbers to prove otherwise."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "cost-center-export",
        "board": "web-app",
        "title": "Break down wage costs per cost centre",
        "body": (
            "Our finance team allocates wages to cost centres (each shop is one, plus the central "
            "warehouse and the office). I need total hours and wages per cost centre per month to "
            "send to them, ideally as an export. Staff sometimes work in two cost centres in the "
            "same week."
        ),
        "tags": ["reporting", "export"],
        "author": "fatima.elamrani@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": "labour-cost-report",
        "age_days": 180,
        "popularity": 0.13,
        "comments": [],
    },
    {
        "key": "payroll-cost-per-location",
        "board": "web-app",
        "title": "Monthly total of what each store costs us in wages",
        "body": (
            "Simple ask: one number per store per month, wages including overtime and premiums, so "
            "the owners can compare stores. I don't need anything fancy, just a table I can "
            "screenshot for our monthly meeting."
        ),
        "tags": ["reporting"],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": "labour-cost-report",
        "age_days": 90,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "custom-report-builder",
        "board": "web-app",
        "title": "Custom report builder",
        "body": (
            "Every month someone asks for a slightly different report. Instead of adding report "
            "after report, could we have a builder: pick the data (shifts, timesheets, time off), "
            "pick columns, filters and grouping, and save it?"
        ),
        "tags": ["reporting"],
        "author": "rebecca.thompson@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. In the meantime, the new CSV exports include every column, and we're "
            "evaluating whether a BI connector would serve most of these needs better than a "
            "builder."
        ),
        "dup_group": None,
        "age_days": 400,
        "popularity": 0.5,
        "comments": [],
    },
    {
        "key": "email-reports-weekly",
        "board": "web-app",
        "title": "Email me a report every Monday morning",
        "body": (
            "I'd like to schedule the labour cost and attendance reports to be emailed to me and "
            "the owners every Monday at 8:00 as a PDF or CSV. Right now I log in, run them, "
            "download and forward them each week."
        ),
        "tags": ["reporting", "notifications", "export"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 230,
        "popularity": 0.29,
        "comments": [
            {
                "author": "carlos.mendoza@example.com",
                "body": "Would love this for my franchise partners who never log in.",
                "official": False,
            },
        ],
    },
    {
        "key": "sales-per-labour-hour",
        "board": "web-app",
        "title": "Sales per labour hour (SPLH) in the reports",
        "body": (
            "SPLH is the number every restaurant operator watches. If Shiftly has our sales (we "
            "enter daily totals manually today) and our hours, it could show SPLH per day and per "
            "daypart."
        ),
        "tags": ["reporting"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 195,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "multi-location-dashboard",
        "board": "web-app",
        "title": "One dashboard for an owner with several locations",
        "body": (
            "I own 4 franchise stores. When I log in I'd like to see all 4 at a glance: who's "
            "clocked in right now, today's labour cost vs plan, open shifts, pending requests. Now "
            "I have to switch location 4 times."
        ),
        "tags": ["reporting", "ux"],
        "author": "carlos.mendoza@example.com",
        "status": "planned",
        "status_note": (
            'Planned. The new home dashboard will have an "All locations" mode with live '
            "attendance, labour cost vs plan and pending approvals per location."
        ),
        "dup_group": None,
        "age_days": 370,
        "popularity": 0.54,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": "Exactly what I need for my 3 restaurants.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "We'll be looking for a few multi-location owners to try early designs. If "
                    "you're interested, reply here and we'll reach out."
                ),
                "official": True,
            },
            {"author": "carlos.mendoza@example.com", "body": "Count me in.", "official": False},
        ],
    },
    {
        "key": "time-off-usage-report",
        "board": "web-app",
        "title": "Report on time off taken per type",
        "body": (
            "At the end of the year HR needs to know how many sick days, vacation days and unpaid "
            "days each employee took. A report with totals per type and per employee, for a date "
            "range, would do it."
        ),
        "tags": ["reporting", "time-off"],
        "author": "fatima.elamrani@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 130,
        "popularity": 0.16,
        "comments": [],
    },
    {
        "key": "headcount-turnover",
        "board": "web-app",
        "title": "Headcount and staff turnover report",
        "body": (
            "We'd like to track monthly headcount, new hires and leavers per location. Shiftly "
            "already knows when people are added and archived, so it could tell us our turnover "
            "rate without another tool."
        ),
        "tags": ["reporting"],
        "author": "rebecca.thompson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 285,
        "popularity": 0.15,
        "comments": [],
    },
    {
        "key": "excel-export-formatting",
        "board": "web-app",
        "title": "Export reports to real Excel files, not only CSV",
        "body": (
            "When I open the CSV in Excel, the dates turn into numbers and the special characters "
            "in names (ø, é) are broken. A proper .xlsx export with formatted dates and column "
            "widths would save me cleaning it up every time."
        ),
        "tags": ["export", "reporting"],
        "author": "emma.johansson@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: all reports will offer an .xlsx download. We're also fixing the CSV "
            "encoding so it opens correctly in Excel (UTF-8 with BOM)."
        ),
        "dup_group": None,
        "age_days": 240,
        "popularity": 0.3,
        "comments": [
            {
                "author": "pierre.dubois@example.net",
                "body": "Merci! The broken accents in the CSV are a pain for all our French names.",
                "official": False,
            },
        ],
    },
    {
        "key": "budget-hours-target",
        "board": "web-app",
        "title": "Set a weekly hours budget and see it while scheduling",
        "body": (
            "Head office gives each store a budget of hours per week (e.g. 420 hours). I'd like to "
            "enter that budget and see a counter in the scheduler turning red when I go over it."
        ),
        "tags": ["scheduling", "reporting"],
        "author": "mei.lin@example.org",
        "status": "in_progress",
        "status_note": (
            "In progress: weekly hours and labour cost budgets per location, shown in the "
            "scheduler toolbar against what's scheduled."
        ),
        "dup_group": None,
        "age_days": 360,
        "popularity": 0.47,
        "comments": [],
    },
    {
        "key": "labour-cost-live-estimate",
        "board": "web-app",
        "title": "Include employer taxes in the labour cost estimate",
        "body": (
            "The labour cost in the scheduler is just hours × wage. Our real cost is about 21% "
            "higher with employer social security and holiday pay. A configurable on-cost "
            "percentage per location would make the estimate realistic."
        ),
        "tags": ["reporting", "payroll"],
        "author": "lukas.schmidt@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "auto-schedule-forecast",
        "board": "web-app",
        "title": "Auto-generate a schedule from forecasted demand",
        "body": (
            "We have 14 grocery stores and store managers spend 3-4 hours a week on schedules. We "
            "have good forecasts of customer traffic per hour. It would be amazing if Shiftly "
            "could generate a first draft that meets the staffing needed per hour, respects "
            "availability and contracts, and then the manager just tweaks it."
        ),
        "tags": ["scheduling"],
        "author": "rebecca.thompson@example.com",
        "status": "under_review",
        "status_note": (
            "We're researching auto-scheduling. Staffing requirements (planned) are the first "
            "building block; a generator would come on top of that. We'll share more once we've "
            "tested prototypes with customers."
        ),
        "dup_group": "forecast-scheduling",
        "age_days": 430,
        "popularity": 0.57,
        "comments": [
            {
                "author": "chen.wei@example.com",
                "body": "Even a basic version that fills in the obvious shifts would save hours.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": (
                    'That\'s our thinking too: start with "fill the obvious" and let the manager '
                    "handle the tricky parts."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "ai-suggest-schedule",
        "board": "web-app",
        "title": "AI suggested schedule based on last year's sales",
        "body": (
            "Could Shiftly look at our sales from the same weeks last year (we connect Square) and "
            "suggest how many people we need each day? Then suggest who, based on availability. "
            "I'd still approve everything, but a starting point would be great."
        ),
        "tags": ["scheduling"],
        "author": "carlos.mendoza@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "forecast-scheduling",
        "age_days": 45,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "print-weekly-schedule",
        "board": "web-app",
        "title": "Printer-friendly weekly schedule",
        "body": (
            "Half our kitchen staff don't check the app, they look at the paper on the wall. "
            "Printing the scheduler page gives a mess of buttons and cuts off Saturday and Sunday. "
            "Please add a clean print layout: one page, landscape, names and times only."
        ),
        "tags": ["scheduling", "export"],
        "author": "sean.murphy@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: **Print** in the scheduler menu gives a clean landscape layout by position, "
            "with options for showing hours and hiding unpublished shifts."
        ),
        "dup_group": "print-schedule",
        "age_days": 620,
        "popularity": 0.52,
        "comments": [],
    },
    {
        "key": "pdf-rota-breakroom",
        "board": "web-app",
        "title": "PDF of the rota to pin up in the staff room",
        "body": (
            "We'd like to download the week as a PDF to print and put on the noticeboard. Not "
            "everyone on our team uses the app (some of our older bakers refuse)."
        ),
        "tags": ["export"],
        "author": "lukas.schmidt@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "print-schedule",
        "age_days": 200,
        "popularity": 0.17,
        "comments": [
            {
                "author": "ana.ferreira@example.com",
                "body": (
                    "Hi Lukas, the print layout in the scheduler can be saved as PDF from your "
                    "browser's print dialog. There's also a separate idea for a direct PDF button."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "printout-too-small",
        "board": "web-app",
        "title": "Printed schedule is unreadable with 35+ employees",
        "body": (
            "The print layout squeezes all 38 of our housekeeping and kitchen staff on one page, "
            "so the text is tiny. An option to split the print across pages by department, or to "
            "choose the font size, would make it usable."
        ),
        "tags": ["export", "ux"],
        "author": "zeynep.yilmaz@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 65,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "cert-expiry-tracking",
        "board": "web-app",
        "title": "Track food handler certificates and warn before they expire",
        "body": (
            "Every cook and server needs a valid food handler card. We track expiry dates in a "
            "spreadsheet that nobody looks at, and last year the health inspector found two "
            "expired cards. Please let us store certificate expiry dates on employees and remind "
            "us 30 days before."
        ),
        "tags": ["compliance", "notifications"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "cert-expiry",
        "age_days": 240,
        "popularity": 0.23,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": "TABC certificates for the bartenders too!",
                "official": False,
            },
        ],
    },
    {
        "key": "license-expiry-clinical",
        "board": "web-app",
        "title": "Reminders when a clinician's registration is about to lapse",
        "body": (
            "Our physios and nurses have professional registrations that renew every year. If one "
            "lapses they legally can't treat patients. We need a place to record the renewal date "
            "for each person and an alert to them and to me a few weeks before."
        ),
        "tags": ["compliance", "notifications"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "cert-expiry",
        "age_days": 170,
        "popularity": 0.15,
        "comments": [],
    },
    {
        "key": "forklift-ticket-expired",
        "board": "web-app",
        "title": "Stop me scheduling someone whose forklift licence has expired",
        "body": (
            "Forklift licences here need renewing every 3 years. Could the employee profile hold "
            "the expiry date, and could the scheduler refuse (or at least warn) when I put someone "
            "on a forklift shift after their licence has run out?"
        ),
        "tags": ["compliance", "scheduling"],
        "author": "chen.wei@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "cert-expiry",
        "age_days": 60,
        "popularity": 0.09,
        "comments": [],
    },
    # --- web app: admin, permissions, security
    {
        "key": "custom-roles",
        "board": "web-app",
        "title": "Custom roles with granular permissions",
        "body": (
            "The built-in roles don't fit us. Our assistant managers should be able to approve "
            "swaps and edit today's schedule, but not publish next week or see wages. Let admins "
            "create their own roles by ticking individual permissions."
        ),
        "tags": ["permissions"],
        "author": "rebecca.thompson@example.com",
        "status": "planned",
        "status_note": (
            "Planned for later this year. Custom roles will be built from the same permission set "
            "our built-in roles use, so existing roles keep working unchanged."
        ),
        "dup_group": None,
        "age_days": 520,
        "popularity": 0.63,
        "comments": [
            {
                "author": "mei.lin@example.org",
                "body": "This is the #1 thing our operations director asks about.",
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Thanks for your patience on this one. It's a big change to our permission "
                    "model; we're starting with the backend in the coming weeks."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "shift-lead-today-only",
        "board": "web-app",
        "title": "Shift leads who can only edit today's schedule",
        "body": (
            "Our shift leads need to handle call-outs on the day (swap someone in, mark a no-show) "
            "but we don't want them touching the rest of the week. Today they're either regular "
            "employees (can't do anything) or managers (can do everything)."
        ),
        "tags": ["permissions", "scheduling"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.25,
        "comments": [
            {
                "author": "bram.devries@example.com",
                "body": (
                    'Related: "Custom roles with granular permissions" is planned and may cover '
                    "this."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "read-only-accountant",
        "board": "web-app",
        "title": "Read-only access for our accountant",
        "body": (
            "Our external accountant needs to look at approved timesheets and export payroll, "
            "nothing else. At the moment I have to give her a manager login, which also lets her "
            'edit schedules. A read-only "payroll viewer" role would be perfect.'
        ),
        "tags": ["permissions", "payroll"],
        "author": "hannah.cohen@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: the new **Payroll viewer** role can view approved timesheets and run payroll "
            "exports, without editing anything."
        ),
        "dup_group": None,
        "age_days": 495,
        "popularity": 0.42,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": "As that external accountant for several clients: thank you!",
                "official": False,
            },
        ],
    },
    {
        "key": "admin-audit-log",
        "board": "web-app",
        "title": "Audit log of admin and manager actions",
        "body": (
            "For our SOC 2 audit we need a log of important account changes: who changed "
            "permissions, who deleted employees, who changed pay rates, who exported data. A "
            "searchable audit log with export is required by our auditors."
        ),
        "tags": ["security", "compliance"],
        "author": "rahul.mehta@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress. The audit log will cover permission changes, employee and pay rate "
            "changes, exports and logins, searchable in Settings and exportable as CSV."
        ),
        "dup_group": None,
        "age_days": 410,
        "popularity": 0.44,
        "comments": [],
    },
    {
        "key": "enforce-2fa",
        "board": "web-app",
        "title": "Require two-factor authentication for managers and admins",
        "body": (
            "Managers can see personal data and wages, so our policy says they must use 2FA. "
            "Shiftly supports 2FA but it's optional per user. We need an admin setting to enforce "
            "it for certain roles."
        ),
        "tags": ["security"],
        "author": "rahul.mehta@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. Enforcing 2FA per role sits on the security roadmap next to SSO "
            "enforcement; the open question is how to handle kiosk-only employees."
        ),
        "dup_group": None,
        "age_days": 470,
        "popularity": 0.38,
        "comments": [],
    },
    {
        "key": "ip-allowlist",
        "board": "web-app",
        "title": "Restrict web clock-in to the store's network",
        "body": (
            "We use the web browser on the counter PC as our time clock. Staff have figured out "
            "they can open the same page from home and clock in. Could we restrict web clock-in to "
            "specific IP addresses (our store's internet connection)?"
        ),
        "tags": ["security", "time-tracking"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 220,
        "popularity": 0.22,
        "comments": [],
    },
    {
        "key": "session-timeout",
        "board": "web-app",
        "title": "Configurable session timeout on shared computers",
        "body": (
            "Our back-office PC is shared by 5 managers. If someone forgets to log out, the next "
            "person is working as them. A setting to log out after X minutes of inactivity would "
            "help."
        ),
        "tags": ["security"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 112,
        "popularity": 0.09,
        "comments": [],
    },
    {
        "key": "csv-import-employees",
        "board": "web-app",
        "title": "Bulk import employees from a spreadsheet",
        "body": (
            "We're moving 350 employees over from our old system. Adding them one by one is not "
            "realistic. A CSV import with name, email, phone, position, location, wage and start "
            "date would make onboarding much faster."
        ),
        "tags": ["ux"],
        "author": "rebecca.thompson@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: import employees from CSV or Excel under **People → Import**, with a preview "
            "and error report before anything is saved."
        ),
        "dup_group": None,
        "age_days": 715,
        "popularity": 0.6,
        "comments": [],
    },
    {
        "key": "archive-leavers",
        "board": "web-app",
        "title": "Archive employees who leave but keep their history",
        "body": (
            "When someone leaves I have to delete them to stop paying for their seat, but then "
            "their old timesheets disappear from reports. I need to archive people: no login, not "
            "billed, still in historic reports."
        ),
        "tags": ["permissions", "reporting"],
        "author": "sean.murphy@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: archived employees are no longer billed and can't log in, but their shifts "
            "and timesheets stay in reports. They can be restored at any time."
        ),
        "dup_group": None,
        "age_days": 680,
        "popularity": 0.55,
        "comments": [],
    },
    {
        "key": "gdpr-employee-export",
        "board": "web-app",
        "title": "GDPR: export or erase one employee's personal data",
        "body": (
            "We get subject access requests from former employees now and then. I need a way to "
            "export everything Shiftly holds about one person, and to erase their personal data "
            "after our retention period while keeping anonymised hours for accounting."
        ),
        "tags": ["security", "compliance", "export"],
        "author": "fatima.elamrani@example.org",
        "status": "planned",
        "status_note": (
            "Planned: per-employee data export (JSON and PDF) and anonymisation after a retention "
            "period you set. Payroll-relevant records stay, with the name replaced."
        ),
        "dup_group": None,
        "age_days": 390,
        "popularity": 0.31,
        "comments": [],
    },
    {
        "key": "eu-data-residency",
        "board": "web-app",
        "title": "Host our data in the EU",
        "body": (
            "Our works council and data protection officer are asking where employee data is "
            "stored. An EU data region (Frankfurt or Dublin) would make the approval much easier "
            "for German and Austrian customers."
        ),
        "tags": ["security", "compliance"],
        "author": "jonas.becker@example.com",
        "status": "under_review",
        "status_note": (
            "We're evaluating an EU region. It's a significant infrastructure project, so we're "
            "gathering how many customers need it. Please vote and tell us if it's a hard "
            "requirement for you."
        ),
        "dup_group": None,
        "age_days": 440,
        "popularity": 0.49,
        "comments": [
            {
                "author": "lukas.schmidt@example.com",
                "body": "Hard requirement for our next 6 stores, our DPO won't sign off otherwise.",
                "official": False,
            },
            {
                "author": "emma.johansson@example.com",
                "body": "Would be nice for us in Sweden too.",
                "official": False,
            },
        ],
    },
    {
        "key": "custom-profile-fields",
        "board": "web-app",
        "title": "Custom fields on employee profiles",
        "body": (
            "We need to store things like uniform size, locker number, payroll ID and the name of "
            "their apprenticeship school. Custom fields (text, date, dropdown) on the employee "
            "profile, visible to managers only, would let us get rid of our side spreadsheet."
        ),
        "tags": ["ux", "permissions"],
        "author": "lukas.schmidt@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 300,
        "popularity": 0.28,
        "comments": [],
    },
    {
        "key": "seasonal-staff-billing",
        "board": "web-app",
        "title": "Don't charge for seasonal staff during the off-season",
        "body": (
            "We're a beach café: 8 people in winter, 30 in summer. Paying for 30 seats all year "
            'doesn\'t make sense. Could employees be "paused" (kept but not billed) until next '
            "season?"
        ),
        "tags": [],
        "author": "emma.johansson@example.com",
        "status": "declined",
        "status_note": (
            "We're not adding paused seats. Billing is already based on active employees each "
            "month: anyone without shifts or punches in a billing month isn't charged, so seasonal "
            "staff don't cost anything in the off-season."
        ),
        "dup_group": None,
        "age_days": 340,
        "popularity": 0.22,
        "comments": [
            {
                "author": "emma.johansson@example.com",
                "body": (
                    "Oh, I didn't know that. Then it's fine. Maybe make that clearer on the "
                    "pricing page!"
                ),
                "official": False,
            },
            {
                "author": "cm@example.com",
                "body": (
                    "Fair point Emma, we've passed that on to the team that owns the pricing page."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "invoice-per-location",
        "board": "web-app",
        "title": "Separate invoices for each location",
        "body": (
            "Each of our restaurants is its own company for accounting purposes. One invoice for "
            "all three means our bookkeeper has to split it manually every month. Could we get one "
            "invoice per location?"
        ),
        "tags": [],
        "author": "maria.gonzalez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 210,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "franchise-multi-company",
        "board": "web-app",
        "title": "Switch between several companies with one login",
        "body": (
            "I'm a franchisee with two separate legal entities (and two Shiftly accounts). I have "
            "to log out and back in to switch. Let me link accounts to the same login and switch "
            "from a menu, like Slack workspaces."
        ),
        "tags": ["ux"],
        "author": "carlos.mendoza@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "multi-account",
        "age_days": 320,
        "popularity": 0.27,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": "Bookkeepers with many clients need this too. I have 9 logins.",
                "official": False,
            },
        ],
    },
    {
        "key": "employee-search-scheduler",
        "board": "web-app",
        "title": "Search box to find an employee in the scheduler",
        "body": (
            "With 80 people in one location, scrolling to find someone in the schedule is slow. A "
            "search field that jumps to (or filters to) an employee would help a lot."
        ),
        "tags": ["scheduling", "ux"],
        "author": "zeynep.yilmaz@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 38,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "custom-employee-order",
        "board": "web-app",
        "title": "Custom sort order of employees in the schedule",
        "body": (
            "I want managers at the top, then full-timers, then part-timers. Alphabetical sorting "
            "puts my head chef in the middle. Drag-and-drop ordering of rows that everyone sees "
            "would be great."
        ),
        "tags": ["scheduling", "ux"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 275,
        "popularity": 0.19,
        "comments": [],
    },
    {
        "key": "employee-photos-scheduler",
        "board": "web-app",
        "title": "Show profile photos in the scheduler",
        "body": (
            "In a big team I know faces better than names, especially new starters. Small avatars "
            "next to names in the schedule would help."
        ),
        "tags": ["ux"],
        "author": "zeynep.yilmaz@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 160,
        "popularity": 0.06,
        "comments": [],
    },
    {
        "key": "filter-scheduler-by-tag",
        "board": "web-app",
        "title": "Filter the schedule to show only one team",
        "body": (
            "We schedule drivers, pickers and office staff in one location. I'd like to filter the "
            "scheduler to one group (and remember that filter) instead of seeing all 90 rows every "
            "time."
        ),
        "tags": ["scheduling", "ux"],
        "author": "mohammed.alsayed@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 102,
        "popularity": 0.16,
        "comments": [],
    },
    {
        "key": "scheduler-slow-large-teams",
        "board": "web-app",
        "title": "Scheduler is very slow for locations with 200+ employees",
        "body": (
            "Our distribution centre has 240 employees in one location. Loading the week view "
            "takes 10-15 seconds and dragging a shift lags noticeably. Smaller stores are fine. "
            "We'd love this to be snappier, it's the screen our planners use all day."
        ),
        "tags": ["performance", "scheduling"],
        "author": "chen.wei@example.com",
        "status": "in_progress",
        "status_note": (
            "We've reproduced this and are working on it: virtualised rows and a lighter data load "
            "for the week view. Early tests bring a 250-person week down to about 2 seconds."
        ),
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.45,
        "comments": [
            {
                "author": "rebecca.thompson@example.com",
                "body": "Our biggest store (160 people) has the same issue.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "Thanks both. We'll post here when the beta flag is ready for large locations; "
                    "we'd love you to try it first."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "week-switch-slow",
        "board": "web-app",
        "title": "Switching weeks reloads the whole page",
        "body": (
            "Every time I click next week the whole page flashes and reloads, and I lose my scroll "
            "position and filters. Would be nice if it loaded the next week in place."
        ),
        "tags": ["performance", "ux"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 34,
        "popularity": 0.07,
        "comments": [],
    },
    {
        "key": "custom-branding",
        "board": "web-app",
        "title": "Our logo and colours in the employee app",
        "body": (
            "It would be nice if our staff saw our restaurant group's logo when they open Shiftly. "
            "Makes it feel like our tool rather than a random app."
        ),
        "tags": ["ux"],
        "author": "maria.gonzalez@example.com",
        "status": "declined",
        "status_note": (
            "We're not planning white-labelling. Custom branding across web and both app stores is "
            "costly to maintain, and customers ranked it far below scheduling features. You can "
            "already set a company logo that appears in the web app header and in emails."
        ),
        "dup_group": None,
        "age_days": 500,
        "popularity": 0.16,
        "comments": [],
    },
    {
        "key": "colour-blind-palette",
        "board": "web-app",
        "title": "Colour-blind friendly shift colours",
        "body": (
            "I'm red-green colour blind and a few of the default position colours look identical "
            "to me. Could you add a colour-blind safe palette, or show a small pattern/icon in "
            "addition to colour?"
        ),
        "tags": ["accessibility", "ux"],
        "author": "kwame.asante@example.com",
        "status": "planned",
        "status_note": (
            "Planned alongside dark mode: a colour-blind safe palette as an option, plus position "
            "initials on shifts so colour isn't the only signal."
        ),
        "dup_group": None,
        "age_days": 280,
        "popularity": 0.3,
        "comments": [
            {
                "author": "nina.larsen@example.com",
                "body": (
                    "Using colour as the only signal also fails WCAG 1.4.1, so this is a good fix "
                    "for everyone."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "web-keyboard-navigation",
        "board": "web-app",
        "title": "Make the web app fully usable with a keyboard and screen reader",
        "body": (
            "I use NVDA and keyboard only. Requesting time off and viewing my schedule works, but "
            "the shift swap dialog traps focus and the date pickers can't be used without a mouse. "
            "A proper accessibility pass would let me manage my own shifts without asking "
            "colleagues for help."
        ),
        "tags": ["accessibility"],
        "author": "nina.larsen@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress. We've completed an external accessibility audit and are fixing the "
            "findings, starting with the date pickers, dialogs and focus order in the employee "
            "areas."
        ),
        "dup_group": None,
        "age_days": 330,
        "popularity": 0.4,
        "comments": [
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Nina, thank you for the detailed reports you sent to support. The swap dialog "
                    "and date pickers are fixed in the next release; the scheduler grid is the "
                    "biggest remaining piece."
                ),
                "official": True,
            },
            {
                "author": "nina.larsen@example.com",
                "body": "Confirmed, the date picker works with NVDA now. Thank you!",
                "official": False,
            },
        ],
    },
    # --- mobile apps
    {
        "key": "night-theme-mobile",
        "board": "mobile-apps",
        "title": "Night theme for the app, my eyes hurt checking shifts at 3am",
        "body": (
            "I supervise the night crew in a warehouse. When I open the app in the dark break room "
            "at 3am to check who's coming in, the white screen blinds me. Everything else on my "
            "phone is dark. Please add a night theme that follows the phone setting."
        ),
        "tags": ["ux", "accessibility"],
        "author": "kwame.asante@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "dark-mode",
        "age_days": 233,
        "popularity": 0.41,
        "comments": [
            {
                "author": "mod@example.com",
                "body": (
                    'Linking this with "Dark mode for the web scheduler", which is in progress. '
                    "The team is tracking both platforms together."
                ),
                "official": False,
            },
            {
                "author": "grace.mwangi@example.com",
                "body": "Night nurse here, +1000.",
                "official": False,
            },
        ],
    },
    {
        "key": "ios-follow-system-appearance",
        "board": "mobile-apps",
        "title": "Follow my iPhone's dark appearance in the Shiftly app",
        "body": (
            "My phone switches to dark appearance automatically at sunset and every app goes dark "
            "except Shiftly. Could it respect the system setting?"
        ),
        "tags": ["ux"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "dark-mode",
        "age_days": 140,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "swap-without-manager",
        "board": "mobile-apps",
        "title": "Let staff trade shifts without waiting for a manager",
        "body": (
            "When I swap a shift with a coworker we both agree in like 2 minutes, and then it sits "
            'there "pending manager approval" for a day or two. Sometimes the shift is tomorrow '
            "and we don't know if it's happening. If we're both baristas, why does it need "
            "approving at all?"
        ),
        "tags": ["shift-swap"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "swap-approval",
        "age_days": 190,
        "popularity": 0.33,
        "comments": [
            {
                "author": "lucia.romero@example.net",
                "body": "So true. My manager approves everything on Sunday night in one go.",
                "official": False,
            },
            {
                "author": "kenji.watanabe@example.com",
                "body": (
                    'Thanks Noah! This is very close to "Auto-approve shift swaps between people '
                    'in the same role", which is planned. Approval rules will let your manager '
                    "skip approval for same-role swaps."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "pto-balance-in-app",
        "board": "mobile-apps",
        "title": "Show my remaining holiday days in the app",
        "body": (
            "When I plan a trip I want to know how many holiday days I have left before I request "
            "them. Right now I have to ask my manager, who has to ask HR. It should be right there "
            "on the time-off screen."
        ),
        "tags": ["time-off"],
        "author": "lucia.romero@example.net",
        "status": "shipped",
        "status_note": (
            "Shipped: if your employer uses time-off balances, the app shows your current balance "
            "and the balance after the request you're creating."
        ),
        "dup_group": "pto-balance",
        "age_days": 540,
        "popularity": 0.69,
        "comments": [
            {
                "author": "grace.mwangi@example.com",
                "body": 'Love it, especially the "after this request" number.',
                "official": False,
            },
        ],
    },
    {
        "key": "how-many-vacation-days",
        "board": "mobile-apps",
        "title": "How many vacation days do I have left??",
        "body": (
            "I can't find anywhere in the app how many vacation days I still have this year. My "
            "friend says she sees it in her app but I don't. Am I missing something?"
        ),
        "tags": ["time-off"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "pto-balance",
        "age_days": 12,
        "popularity": 0.03,
        "comments": [
            {
                "author": "cm@example.com",
                "body": (
                    "Hi Isabela! Balances appear in the app only when your employer has set up "
                    "time-off policies in Shiftly. It may be worth asking your manager whether "
                    "they track balances somewhere else today."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "alt-week-availability-mobile",
        "board": "mobile-apps",
        "title": "Two-week availability pattern for shared custody",
        "body": (
            "I have my kids every other week, so I can work evenings one week and only mornings "
            "the next. The app only lets me enter one repeating weekly availability. Having a "
            "two-week cycle would stop me editing it every Sunday."
        ),
        "tags": ["scheduling"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "alt-availability",
        "age_days": 130,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "offline-clock-in",
        "board": "mobile-apps",
        "title": "Clock in without signal (our warehouse is a dead zone)",
        "body": (
            "Our warehouse is a metal box and there's basically no mobile signal inside, and the "
            "wifi doesn't reach the loading docks. People walk back to the entrance to clock in, "
            "or forget and we fix it later. The app should record the punch offline with the real "
            "time and upload it when there's a connection again."
        ),
        "tags": ["offline", "time-tracking"],
        "author": "chen.wei@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: offline clock-in/out and breaks, stored securely on the device with the "
            'original time and synced when back online. Managers will see an "offline punch" badge '
            "on those entries."
        ),
        "dup_group": "offline-mode",
        "age_days": 520,
        "popularity": 0.82,
        "comments": [
            {
                "author": "kwame.asante@example.com",
                "body": "Same here, especially in the freezer section.",
                "official": False,
            },
            {
                "author": "mohammed.alsayed@example.com",
                "body": (
                    "Our drivers are in rural areas with no signal at customer sites, this would "
                    "help them a lot."
                ),
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Update: offline punches are working in our internal builds. We're now testing "
                    "geofence checks for offline punches (using the location recorded at punch "
                    "time) before we release to beta."
                ),
                "official": True,
            },
            {
                "author": "chen.wei@example.com",
                "body": "Happy to beta test with our night crew.",
                "official": False,
            },
        ],
    },
    {
        "key": "offline-mode-app",
        "board": "mobile-apps",
        "title": "Offline mode for the mobile app",
        "body": (
            "It would be great if the app cached my schedule so I could at least see my shifts "
            "without internet (on the subway, for example). Right now it just shows a spinner."
        ),
        "tags": ["offline"],
        "author": "rahul.mehta@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "offline-mode",
        "age_days": 300,
        "popularity": 0.25,
        "comments": [],
    },
    {
        "key": "no-wifi-basement-kitchen",
        "board": "mobile-apps",
        "title": "App just spins when there's no wifi in the basement kitchen",
        "body": (
            "Our kitchen is in the basement of an old building in Lyon and the phones have no "
            "network down there. The cooks can't clock in or even see their shift until they go "
            "upstairs. Can the app work without connection and send things later?"
        ),
        "tags": ["offline", "time-tracking"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "offline-mode",
        "age_days": 40,
        "popularity": 0.07,
        "comments": [],
    },
    {
        "key": "geofence-clock-in",
        "board": "mobile-apps",
        "title": "Geofencing for clock-in",
        "body": (
            "Our guards work at 30+ client sites. We need to be sure they are actually on site "
            "when they clock in. A geofence per site (so the app only allows clock-in within, say, "
            "200 m) would replace the phone calls our supervisors make at the start of every shift."
        ),
        "tags": ["time-tracking", "security"],
        "author": "marcus.brown@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: set a geofence per location; clock-ins outside it are either blocked or "
            "allowed with a flag, your choice. The location is only checked at the moment of "
            "punching, never tracked in the background."
        ),
        "dup_group": "geofence",
        "age_days": 680,
        "popularity": 0.85,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "Thank you for only checking at the moment of punching. Our works council "
                    "would never accept continuous tracking."
                ),
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": "That was a deliberate choice, Jonas. We'll keep it that way.",
                "official": True,
            },
            {
                "author": "marcus.brown@example.com",
                "body": "Rolled out to all our sites, works well.",
                "official": False,
            },
        ],
    },
    {
        "key": "stop-clock-in-from-home",
        "board": "mobile-apps",
        "title": "Stop people clocking in from home or the car park",
        "body": (
            "I keep finding punches at 9:00 sharp from people who walk in at 9:15. I'm pretty sure "
            "they clock in from the bus or the parking lot. Is there a way to only allow clocking "
            "in when the phone is actually at the restaurant?"
        ),
        "tags": ["time-tracking"],
        "author": "maria.gonzalez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "geofence",
        "age_days": 95,
        "popularity": 0.3,
        "comments": [
            {
                "author": "ana.ferreira@example.com",
                "body": (
                    "Hi María, this is what the geofencing feature does. You can set it up under "
                    "Settings → Locations → Clock-in rules. There's also an idea to make the "
                    "radius adjustable per location."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "verify-on-site-punch",
        "board": "mobile-apps",
        "title": "Verify that drivers are at the depot when they punch in",
        "body": (
            "Our delivery drivers start their shift at the depot. We'd like the app to check their "
            "location when they clock in, so we know the start time is real."
        ),
        "tags": ["time-tracking", "security"],
        "author": "mohammed.alsayed@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "geofence",
        "age_days": 28,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "geofence-radius-per-location",
        "board": "mobile-apps",
        "title": "Different geofence radius for each location",
        "body": (
            "The geofence radius is one setting for the whole account. Our city-centre shop needs "
            "50 m (otherwise you can clock in from the café across the street), while the "
            "warehouse site is huge and needs 500 m. Please make the radius a per-location setting."
        ),
        "tags": ["time-tracking"],
        "author": "liam.obrien@example.com",
        "status": "planned",
        "status_note": (
            "Planned: the radius will move to each location's settings, and you'll be able to draw "
            "a custom area on the map for large sites."
        ),
        "dup_group": None,
        "age_days": 200,
        "popularity": 0.34,
        "comments": [],
    },
    {
        "key": "geofence-battery-drain",
        "board": "mobile-apps",
        "title": "Location permission prompt scares new employees",
        "body": (
            'When new staff install the app, the location permission prompt asks for "always" '
            "access and several people refused to install it because they thought we'd track them "
            'all the time. Could the app ask only for "while using the app" access, and explain '
            "why?"
        ),
        "tags": ["ux", "security"],
        "author": "fatima.elamrani@example.org",
        "status": "shipped",
        "status_note": (
            'Fixed: the app now asks only for "while using" location access, and shows a short '
            "explanation screen first saying location is checked only when clocking in."
        ),
        "dup_group": None,
        "age_days": 360,
        "popularity": 0.26,
        "comments": [],
    },
    {
        "key": "shift-reminder-push",
        "board": "mobile-apps",
        "title": "Reminder notification before my shift starts",
        "body": (
            "I work different times every day and I've been late twice because I thought I started "
            "at 2 instead of 12. A push notification an hour before (or whatever time I choose) "
            "would really help."
        ),
        "tags": ["notifications"],
        "author": "noah.williams@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: turn on shift reminders in the app under Profile → Notifications and choose "
            "how long before your shift you'd like to be reminded."
        ),
        "dup_group": "shift-reminders",
        "age_days": 690,
        "popularity": 0.77,
        "comments": [
            {
                "author": "isabela.costa@example.com",
                "body": "Could we get two reminders? One the night before and one an hour before.",
                "official": False,
            },
            {
                "author": "cm@example.com",
                "body": "Isabela, you can now add up to two reminders. Thanks for the suggestion!",
                "official": True,
            },
        ],
    },
    {
        "key": "sms-shift-reminders",
        "board": "mobile-apps",
        "title": "SMS reminders for staff who ignore app notifications",
        "body": (
            "A good part of my bar staff have notifications turned off or never installed the app. "
            "Could Shiftly send an SMS reminder the day before their shift? I'd happily pay for "
            "the texts."
        ),
        "tags": ["notifications"],
        "author": "sean.murphy@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. SMS costs vary a lot by country, so we're looking at SMS as a paid "
            "add-on with per-location limits."
        ),
        "dup_group": "shift-reminders",
        "age_days": 320,
        "popularity": 0.3,
        "comments": [],
    },
    {
        "key": "people-forget-shifts",
        "board": "mobile-apps",
        "title": "My staff keep forgetting their shifts",
        "body": (
            "At our salon the schedule changes a lot and people forget when they're working. Can "
            "Shiftly tell them automatically before each shift? My girls all have the app."
        ),
        "tags": ["notifications"],
        "author": "anh.nguyen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "shift-reminders",
        "age_days": 70,
        "popularity": 0.06,
        "comments": [
            {
                "author": "bram.devries@example.com",
                "body": (
                    "Hi Anh, each employee can turn on shift reminders in their app (Profile → "
                    "Notifications). There's also an idea to let managers turn them on for "
                    "everyone by default."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "default-reminders-for-all",
        "board": "mobile-apps",
        "title": "Let managers switch on shift reminders for the whole team",
        "body": (
            "Shift reminders are opt-in per employee, and most of my people never find the "
            "setting. I'd like to turn them on by default for everyone at my locations (employees "
            "could still turn them off)."
        ),
        "tags": ["notifications"],
        "author": "anh.nguyen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 66,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "home-screen-widget",
        "board": "mobile-apps",
        "title": "Home screen widget showing my next shift",
        "body": (
            "I'd love a widget on my Android home screen with my next shift (day, time, location) "
            "so I don't have to open the app 5 times a day to check."
        ),
        "tags": ["ux"],
        "author": "isabela.costa@example.com",
        "status": "planned",
        "status_note": (
            "Planned for both iOS and Android: a small widget with your next shift and a medium "
            "one with the next three, plus a clock-in button on Android."
        ),
        "dup_group": "widget",
        "age_days": 330,
        "popularity": 0.44,
        "comments": [],
    },
    {
        "key": "lock-screen-next-shift",
        "board": "mobile-apps",
        "title": "Next shift on the iPhone lock screen",
        "body": (
            'iOS lets apps put small widgets on the lock screen. Seeing "Tomorrow 7:00 – 15:00, '
            'Main St" without unlocking my phone would be perfect.'
        ),
        "tags": ["ux"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "widget",
        "age_days": 100,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "photo-on-clock-in",
        "board": "mobile-apps",
        "title": "Take a photo when clocking in to prevent buddy punching",
        "body": (
            "We've caught employees clocking in for friends who were running late. Taking a quick "
            "photo at clock-in (visible to managers on the timesheet) would stop this overnight."
        ),
        "tags": ["time-tracking", "security"],
        "author": "chen.wei@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: optional photo capture on clock-in in the mobile apps, configurable per "
            "location. Photos are deleted automatically after 60 days."
        ),
        "dup_group": "photo-clock-in",
        "age_days": 520,
        "popularity": 0.5,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": (
                    "Good that the photos are deleted automatically. Please keep the retention "
                    "period configurable for EU customers."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "selfie-kiosk",
        "board": "mobile-apps",
        "title": "Selfie check on the shared clock-in tablet",
        "body": (
            "We use an iPad at the back door as a time clock with PIN codes. Staff share PINs, "
            "obviously. A quick selfie on the kiosk when someone punches would solve it, like the "
            "phone app already does."
        ),
        "tags": ["time-tracking", "security"],
        "author": "carlos.mendoza@example.com",
        "status": "planned",
        "status_note": (
            "Photo capture exists in the employee app; adding it to kiosk mode is planned for the "
            "next kiosk release."
        ),
        "dup_group": "photo-clock-in",
        "age_days": 210,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "kiosk-mode-tablet",
        "board": "mobile-apps",
        "title": "Kiosk mode on a shared tablet with PIN clock-in",
        "body": (
            "Not all of our staff have smartphones, and some don't want to use their personal "
            "phone for work. A kiosk mode where a tablet at the entrance lets people clock in with "
            "a 4-digit PIN would solve it."
        ),
        "tags": ["time-tracking"],
        "author": "lukas.schmidt@example.com",
        "status": "shipped",
        "status_note": (
            "Kiosk mode is available in the iPad and Android tablet apps. Employees clock in with "
            "a personal PIN; managers can lock the tablet to the kiosk screen."
        ),
        "dup_group": None,
        "age_days": 712,
        "popularity": 0.68,
        "comments": [],
    },
    {
        "key": "qr-code-clock-in",
        "board": "mobile-apps",
        "title": "Clock in by scanning a QR code at the location",
        "body": (
            "GPS is unreliable in our building (it thinks we're on the next street). A QR code "
            "printed and stuck at the entrance that staff scan to clock in would be a simpler way "
            "to prove they're on site."
        ),
        "tags": ["time-tracking"],
        "author": "hannah.cohen@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. A static QR code can be photographed and scanned from home, so we're "
            "looking at rotating codes shown on a kiosk screen instead."
        ),
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.32,
        "comments": [
            {
                "author": "marcus.brown@example.com",
                "body": (
                    "NFC tags would work for us too, our guards already tap NFC for patrol rounds."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "nfc-tag-clock-in",
        "board": "mobile-apps",
        "title": "Tap an NFC tag to clock in at client sites",
        "body": (
            "We put NFC tags at each client site for our guards' patrol checkpoints. If Shiftly "
            "could clock in when they tap a specific tag, we'd have proof of presence without "
            "relying on GPS in big buildings."
        ),
        "tags": ["time-tracking", "security"],
        "author": "marcus.brown@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "face-id-login",
        "board": "mobile-apps",
        "title": "Log in with Face ID / fingerprint",
        "body": (
            "I get logged out every couple of weeks and have to reset my password because I never "
            "remember it. Unlocking with Face ID would be so much easier."
        ),
        "tags": ["security", "ux"],
        "author": "grace.mwangi@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: turn on biometric unlock (Face ID, Touch ID or Android fingerprint) under "
            "Profile → Security."
        ),
        "dup_group": None,
        "age_days": 560,
        "popularity": 0.49,
        "comments": [],
    },
    {
        "key": "multiple-employers-one-app",
        "board": "mobile-apps",
        "title": "Use one app for two jobs at different companies",
        "body": (
            "I work at a café and a cinema, and both use Shiftly. I have to log out of one to see "
            "the other's schedule. Could the app show both accounts and one combined calendar? It "
            "would also help me avoid accepting overlapping shifts."
        ),
        "tags": ["ux", "scheduling"],
        "author": "lucia.romero@example.net",
        "status": "under_review",
        "status_note": (
            "Under review. Switching between accounts is likely first; a combined calendar raises "
            "privacy questions (neither employer should see the other's shifts) that we're working "
            "through."
        ),
        "dup_group": "multi-account",
        "age_days": 310,
        "popularity": 0.38,
        "comments": [
            {
                "author": "noah.williams@example.com",
                "body": "Two jobs here as well. Even just fast switching would be great.",
                "official": False,
            },
        ],
    },
    {
        "key": "apple-watch-clock-in",
        "board": "mobile-apps",
        "title": "Clock in from an Apple Watch",
        "body": (
            "Nurses aren't allowed to carry phones on the ward in our clinic, but watches are "
            "fine. Clocking in and starting breaks from the watch would be really handy."
        ),
        "tags": ["time-tracking"],
        "author": "grace.mwangi@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 205,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "ipad-landscape-manager",
        "board": "mobile-apps",
        "title": "Proper iPad layout for managers",
        "body": (
            "I manage the floor with an iPad. The app on iPad is just the phone layout stretched, "
            "and the week schedule is unusable. A manager layout that looks like the web scheduler "
            "would let me leave the laptop in the office."
        ),
        "tags": ["ux", "scheduling"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 245,
        "popularity": 0.25,
        "comments": [],
    },
    {
        "key": "approve-from-notification",
        "board": "mobile-apps",
        "title": "Approve requests directly from the push notification",
        "body": (
            'When I get "Noah wants to swap Saturday with Lucía" I\'d like Approve / Decline '
            "buttons right in the notification, instead of opening the app, waiting for it to load "
            "and finding the request."
        ),
        "tags": ["notifications", "shift-swap", "ux"],
        "author": "member@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress for iOS and Android: actionable notifications for swap, time-off and "
            "open-shift requests."
        ),
        "dup_group": None,
        "age_days": 275,
        "popularity": 0.4,
        "comments": [],
    },
    {
        "key": "weekly-earnings-estimate",
        "board": "mobile-apps",
        "title": "Show how much I'll earn from this week's shifts",
        "body": (
            "I'm paid hourly and I'm trying to budget. It would be nice to see an estimate of my "
            "pay for the scheduled week (hours × my rate), and what I've earned so far this pay "
            "period based on clocked hours."
        ),
        "tags": ["payroll"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 180,
        "popularity": 0.28,
        "comments": [
            {
                "author": "noah.williams@example.com",
                "body": "With tips it'd be even better but I know that's harder.",
                "official": False,
            },
        ],
    },
    {
        "key": "coworkers-on-shift",
        "board": "mobile-apps",
        "title": "See who else is working my shift",
        "body": (
            "When I look at my shift in the app, I'd like to see who's working with me. Helps with "
            "carpooling and knowing who to ask if I want to swap."
        ),
        "tags": ["scheduling"],
        "author": "noah.williams@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. Some customers don't want employees to see each other's schedules, so "
            "this would come with an admin setting per location."
        ),
        "dup_group": None,
        "age_days": 610,
        "popularity": 0.56,
        "comments": [],
    },
    {
        "key": "directions-to-site",
        "board": "mobile-apps",
        "title": "Address and directions on each shift",
        "body": (
            "Our guards go to different client sites every week. Showing the site address on the "
            'shift, with a button that opens Google Maps or Apple Maps, would save a lot of "where '
            'am I going tonight?" calls.'
        ),
        "tags": ["scheduling"],
        "author": "marcus.brown@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 115,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "siri-shortcut-clock-in",
        "board": "mobile-apps",
        "title": "Siri / Google Assistant shortcut to clock in",
        "body": (
            '"Hey Siri, clock me in" as I walk through the door with my hands full of boxes. Would '
            "be nice."
        ),
        "tags": ["time-tracking", "accessibility"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 90,
        "popularity": 0.08,
        "comments": [],
    },
    {
        "key": "dynamic-type-support",
        "board": "mobile-apps",
        "title": "Support larger text sizes in the app",
        "body": (
            "I have my phone's text size set to large. Most apps follow it, but in Shiftly the "
            "shift times stay tiny and some buttons get cut off when I zoom. Several of our older "
            "employees have the same problem."
        ),
        "tags": ["accessibility"],
        "author": "nina.larsen@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: all screens are being updated to support Dynamic Type on iOS and font "
            "scaling on Android, starting with the schedule and clock-in screens."
        ),
        "dup_group": None,
        "age_days": 290,
        "popularity": 0.33,
        "comments": [],
    },
    {
        "key": "voiceover-labels",
        "board": "mobile-apps",
        "title": 'VoiceOver reads "button, button, button" on the schedule screen',
        "body": (
            "The icons on the schedule screen (swap, drop, details) have no labels, so VoiceOver "
            'just says "button". I can\'t tell which is which without sighted help. Please add '
            "accessibility labels."
        ),
        "tags": ["accessibility"],
        "author": "nina.larsen@example.com",
        "status": "shipped",
        "status_note": (
            "Fixed in the latest iOS and Android releases: every icon button now has a label, and "
            'shifts are read as one element ("Tuesday, 9 to 5, Front desk").'
        ),
        "dup_group": None,
        "age_days": 300,
        "popularity": 0.27,
        "comments": [
            {
                "author": "nina.larsen@example.com",
                "body": "Tested it, works great. Thank you for fixing it so quickly.",
                "official": False,
            },
        ],
    },
    {
        "key": "swipe-to-claim-open-shift",
        "board": "mobile-apps",
        "title": "Claim open shifts faster",
        "body": (
            "Good open shifts get taken in minutes. Right now it's notification → open app → open "
            'shifts tab → shift → claim → confirm. A "Claim" button straight on the notification '
            "would be fairer to people who aren't glued to the app."
        ),
        "tags": ["shift-swap", "notifications"],
        "author": "kwame.asante@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 135,
        "popularity": 0.21,
        "comments": [],
    },
    {
        "key": "partial-shift-swap",
        "board": "mobile-apps",
        "title": "Give away only part of my shift",
        "body": (
            "Sometimes I only need to leave 2 hours early. I'd like to offer the last 2 hours of "
            "my shift to someone else instead of the whole 8-hour shift."
        ),
        "tags": ["shift-swap"],
        "author": "grace.mwangi@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. Splitting a shift affects breaks and minimum shift lengths, so we're "
            "looking at what rules should apply."
        ),
        "dup_group": None,
        "age_days": 240,
        "popularity": 0.35,
        "comments": [
            {
                "author": "aisha.bello@example.com",
                "body": (
                    "As a manager I'd want a minimum length for the part given away (e.g. 2 hours)."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "eligible-swap-partners",
        "board": "mobile-apps",
        "title": "Show who can actually take my shift before I ask",
        "body": (
            "When I try to swap, I message people who then can't take it because they'd go into "
            "overtime or aren't trained for that station. Show me the list of people who are "
            "eligible (and available) so I only ask them."
        ),
        "tags": ["shift-swap"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 450,
        "popularity": 0.47,
        "comments": [],
    },
    {
        "key": "swap-request-expiry",
        "board": "mobile-apps",
        "title": "Swap requests should expire when the shift starts",
        "body": (
            'I had a swap request still "pending" two days after the shift had happened. Requests '
            "should cancel themselves automatically if nobody responds before the shift."
        ),
        "tags": ["shift-swap"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 55,
        "popularity": 0.05,
        "comments": [],
    },
    {
        "key": "drop-shift-to-pool",
        "board": "mobile-apps",
        "title": "Drop a shift into the open pool instead of finding a swap",
        "body": (
            "I don't always need something in return. Let me just release my shift so anyone "
            "eligible can pick it up, and I'm off the hook once someone claims it and the manager "
            "approves."
        ),
        "tags": ["shift-swap"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 165,
        "popularity": 0.23,
        "comments": [],
    },
    {
        "key": "edit-availability-in-app",
        "board": "mobile-apps",
        "title": "Edit my availability in the Android app",
        "body": (
            "On Android I can see my availability but to change it I have to log in on a computer. "
            "Please allow editing it in the app, like time-off requests."
        ),
        "tags": ["scheduling"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 640,
        "popularity": 0.46,
        "comments": [],
    },
    {
        "key": "payslip-in-app",
        "board": "mobile-apps",
        "title": "See my payslips in the app",
        "body": (
            "We get payslips by email as PDF and people lose them. Since we already use Shiftly "
            "for everything else, could the app have a place where payslips are stored?"
        ),
        "tags": ["payroll"],
        "author": "zeynep.yilmaz@example.com",
        "status": "declined",
        "status_note": (
            "We're not going to store payslips. They come from your payroll provider, who is "
            "responsible for delivering them securely, and most providers (ADP, Gusto, DATEV, "
            "Xero) have their own employee portals. We'd rather link to those than duplicate "
            "sensitive documents."
        ),
        "dup_group": None,
        "age_days": 400,
        "popularity": 0.2,
        "comments": [
            {
                "author": "cm@example.com",
                "body": (
                    "Thanks for understanding, Zeynep. If your payroll provider has an employee "
                    "portal, admins can add a link to it in the app menu under Settings → Company "
                    "→ Useful links."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "app-slow-old-android",
        "board": "mobile-apps",
        "title": "App is very slow on older Android phones",
        "body": (
            "Several of our staff have older, cheaper Android phones (2-3 years old). The app "
            "takes 15+ seconds to open and sometimes crashes when opening the schedule. Many of "
            "them just stopped using it."
        ),
        "tags": ["performance"],
        "author": "kwame.asante@example.com",
        "status": "in_progress",
        "status_note": (
            "We're working on startup time and memory use on lower-end Android devices. The next "
            "release cuts startup time roughly in half on the devices we test with."
        ),
        "dup_group": None,
        "age_days": 190,
        "popularity": 0.36,
        "comments": [],
    },
    {
        "key": "break-start-end-in-app",
        "board": "mobile-apps",
        "title": "Start and end breaks from the app",
        "body": (
            "Staff can clock in and out in the app, but breaks have to be entered by the manager "
            'afterwards. Please add "Start break" / "End break" buttons so we get real break times.'
        ),
        "tags": ["time-tracking", "compliance"],
        "author": "emma.johansson@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: break buttons in the app and on the kiosk, with paid and unpaid break types."
        ),
        "dup_group": None,
        "age_days": 700,
        "popularity": 0.59,
        "comments": [],
    },
    {
        "key": "remind-staff-take-break",
        "board": "mobile-apps",
        "title": "Remind me when my break is due",
        "body": (
            "On busy days on the ward I honestly forget to take my break until my shift is almost "
            "over. A gentle notification at the time my break should start would help me, and it "
            "would keep us compliant."
        ),
        "tags": ["notifications", "compliance"],
        "author": "grace.mwangi@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 180,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "first-come-open-shift",
        "board": "mobile-apps",
        "title": "Let the first person who grabs an uncovered shift get it",
        "body": (
            "When someone calls in sick on a Saturday I text the whole crew and then have to sort "
            "out who answered first. It should be in the app: post the empty shift, everyone gets "
            "a notification, the first to tap it gets it, done."
        ),
        "tags": ["shift-swap", "notifications"],
        "author": "kwame.asante@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "open-shifts",
        "age_days": 690,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "text-everyone-uncovered-shift",
        "board": "mobile-apps",
        "title": "Notify everyone who could cover when a shift suddenly becomes empty",
        "body": (
            "A guard no-showed at a client site at 22:00 and it took our supervisor 40 minutes of "
            'phone calls to find cover. We need one button: "find cover", which alerts every '
            "qualified guard nearby who isn't already working, and lets them accept in the app."
        ),
        "tags": ["notifications", "scheduling"],
        "author": "marcus.brown@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "open-shifts",
        "age_days": 110,
        "popularity": 0.19,
        "comments": [
            {
                "author": "mod@example.com",
                "body": (
                    "Marcus, open shifts can do most of this today: create an open shift and "
                    'eligible staff are notified by push. The "nearby" part would be new, so I\'ve '
                    "left this idea open."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "auto-approve-swaps-same-role",
        "board": "web-app",
        "title": "Auto-approve shift swaps between people in the same role",
        "body": (
            "At our burger place I approve 15-20 swaps a week and I say yes to basically every one "
            "where a line cook swaps with another line cook. Let me set a rule: if both people "
            "have the same position and nobody goes into overtime, approve automatically. Keep "
            "manual approval for everything else."
        ),
        "tags": ["shift-swap", "scheduling"],
        "author": "diego.alvarez@example.com",
        "status": "planned",
        "status_note": (
            "Planned. We'll add swap approval rules per location: auto-approve when both employees "
            "share the position, the swap creates no overtime and there's no availability "
            "conflict. Everything else still goes to a manager."
        ),
        "dup_group": "swap-approval",
        "age_days": 420,
        "popularity": 0.64,
        "comments": [
            {
                "author": "priya.raman@example.com",
                "body": (
                    "Thanks everyone for the detail here. Rules will be configured per location "
                    "under Settings → Shift swaps. One open question: do you want a notification "
                    "every time a swap is auto-approved, or a daily digest?"
                ),
                "official": True,
            },
            {
                "author": "maria.gonzalez@example.com",
                "body": "Daily digest please, I don't need 20 more pings.",
                "official": False,
            },
            {
                "author": "sean.murphy@example.com",
                "body": (
                    "Individual notifications for me, I like to know who's actually on tonight."
                ),
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": "Sounds like it needs to be a choice. Noted!",
                "official": True,
            },
        ],
    },
    {
        "key": "trusted-staff-swaps",
        "board": "web-app",
        "title": "Skip approval for swaps between my senior staff",
        "body": (
            "I have 5 senior baristas who I trust completely. When they trade shifts among "
            "themselves I don't need to approve it, just let me know. For new starters I still "
            "want to check."
        ),
        "tags": ["shift-swap", "permissions"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "swap-approval",
        "age_days": 45,
        "popularity": 0.09,
        "comments": [],
    },
    {
        "key": "repeat-rota",
        "board": "web-app",
        "title": "Repeat the same rota every week without re-entering it",
        "body": (
            "Our bistro's rota is exactly the same every week except for holidays. Is there a way "
            'to say "this is the standard week" and have it roll over automatically, instead of '
            "creating it again each week?"
        ),
        "tags": ["scheduling"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "copy-schedule",
        "age_days": 50,
        "popularity": 0.04,
        "comments": [
            {
                "author": "bram.devries@example.com",
                "body": (
                    "Hi Pierre! Have a look at Copy week and week templates in the scheduler "
                    "toolbar; they cover most of this. Automatic roll-over isn't there yet, so "
                    "your vote here still counts."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "schedule-published-push",
        "board": "mobile-apps",
        "title": "Tell me what changed when the schedule is republished",
        "body": (
            'I get "The schedule has been updated" several times a week, and I have to check every '
            "day to find out if MY shifts changed. The notification should say what changed for me "
            '("Your Thursday shift moved to 14:00"), or nothing if nothing changed.'
        ),
        "tags": ["notifications", "scheduling"],
        "author": "lucia.romero@example.net",
        "status": "planned",
        "status_note": (
            "Planned: republish notifications will only go to people whose shifts changed, and "
            "will summarise the change."
        ),
        "dup_group": None,
        "age_days": 220,
        "popularity": 0.5,
        "comments": [
            {
                "author": "grace.mwangi@example.com",
                "body": "Yes! I get 4 notifications a week and usually none of them are about me.",
                "official": False,
            },
        ],
    },
    {
        "key": "quiet-hours-notifications",
        "board": "mobile-apps",
        "title": "Quiet hours: no work notifications on my days off",
        "body": (
            "I don't want Shiftly pinging me at 11pm or on my day off about open shifts. Could "
            "there be quiet hours, with only urgent things (like my own shift changing tomorrow) "
            "coming through?"
        ),
        "tags": ["notifications"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.31,
        "comments": [
            {
                "author": "fatima.elamrani@example.org",
                "body": (
                    "In France there's even a right to disconnect. Quiet hours by default would "
                    "help employers comply."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "notification-settings-per-type",
        "board": "mobile-apps",
        "title": "Choose which notifications I get as push vs email",
        "body": (
            "As a manager I want swap requests as push notifications, but the weekly schedule only "
            "by email, and open shifts not at all. Now it's all or nothing."
        ),
        "tags": ["notifications"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 310,
        "popularity": 0.27,
        "comments": [],
    },
    {
        "key": "team-chat",
        "board": "mobile-apps",
        "title": "Team chat inside Shiftly",
        "body": (
            "Our staff use a WhatsApp group for everything, including personal numbers, and it's "
            "chaos. A simple team chat in Shiftly (per location and per position) would keep work "
            "talk in one place and off personal phone numbers."
        ),
        "tags": ["notifications"],
        "author": "maria.gonzalez@example.com",
        "status": "declined",
        "status_note": (
            "We're not building a general team chat. Chat apps are a big product on their own and "
            "most teams already have one. Instead we'll focus on announcements with read receipts "
            "and on Slack/Teams integrations."
        ),
        "dup_group": None,
        "age_days": 590,
        "popularity": 0.45,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": (
                    "Disappointed, but announcements with read receipts would cover half of what "
                    "we use WhatsApp for."
                ),
                "official": False,
            },
            {
                "author": "diego.alvarez@example.com",
                "body": "Honestly I prefer it this way, I don't want another chat app.",
                "official": False,
            },
        ],
    },
    {
        "key": "announcements-read-receipts",
        "board": "mobile-apps",
        "title": 'Announcements with "I have read this" confirmation',
        "body": (
            "When we change a procedure (new allergen rules, new closing routine) I need to know "
            "every employee has actually read it. An announcement that employees must acknowledge, "
            "with a list of who hasn't yet, would be perfect."
        ),
        "tags": ["notifications", "compliance"],
        "author": "diego.alvarez@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: announcements per location or position, with optional required "
            "acknowledgement and a list of who hasn't read it yet."
        ),
        "dup_group": None,
        "age_days": 380,
        "popularity": 0.51,
        "comments": [],
    },
    {
        "key": "message-everyone-on-shift",
        "board": "mobile-apps",
        "title": "Message everyone working a specific shift",
        "body": (
            "Sometimes I need to tell only tonight's closing team something (\"the dishwasher is "
            'broken, use the back sink"). Let me send a message to everyone on a given shift or '
            "day."
        ),
        "tags": ["notifications"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 125,
        "popularity": 0.13,
        "comments": [],
    },
    {
        "key": "emergency-broadcast",
        "board": "mobile-apps",
        "title": "Emergency broadcast to all staff, even with notifications muted",
        "body": (
            "When our site had a gas leak we needed to tell the afternoon shift not to come in. "
            "Not everyone saw the message in time. An emergency broadcast that goes by push and "
            "SMS, and bypasses quiet hours, would be important for safety."
        ),
        "tags": ["notifications", "security"],
        "author": "jonas.becker@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 88,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "stay-logged-in",
        "board": "mobile-apps",
        "title": "Stop logging me out of the app every few weeks",
        "body": (
            "Every 2-3 weeks the app logs me out and I can never remember my password, so I reset "
            "it every time. Other apps keep me logged in for months."
        ),
        "tags": ["ux", "security"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 20,
        "popularity": 0.1,
        "comments": [
            {
                "author": "ana.ferreira@example.com",
                "body": (
                    "Tip while this is open: turning on Face ID / fingerprint unlock (Profile → "
                    "Security) keeps you signed in much longer."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "sign-in-magic-link",
        "board": "mobile-apps",
        "title": "Log in with a code by SMS or email instead of a password",
        "body": (
            "Half of our hourly staff forget their password between shifts. A one-time code by SMS "
            "or email, like many apps do now, would be much simpler for them and for me (no more "
            "resetting passwords)."
        ),
        "tags": ["security", "ux"],
        "author": "sean.murphy@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. Passwordless login by email link or one-time code is on our security "
            "roadmap; we're checking how it combines with SSO accounts."
        ),
        "dup_group": "passwordless-login",
        "age_days": 280,
        "popularity": 0.37,
        "comments": [],
    },
    {
        "key": "invite-staff-by-sms",
        "board": "mobile-apps",
        "title": "Invite new staff by text message, not email",
        "body": (
            "Half my kitchen staff never check email, so the invitation sits there unopened for "
            "weeks. Let me send the invite link by SMS to their phone number."
        ),
        "tags": ["ux", "notifications"],
        "author": "diego.alvarez@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: invitations can be sent by SMS, email or both. The SMS contains a one-time "
            "link that opens the app store and signs the employee in."
        ),
        "dup_group": None,
        "age_days": 560,
        "popularity": 0.44,
        "comments": [],
    },
    {
        "key": "android-tablet-layout",
        "board": "mobile-apps",
        "title": "Android tablet app should use the whole screen",
        "body": (
            "We bought Samsung tablets for each store. The app shows a phone-sized layout in the "
            "middle of the screen with big black bars. Can it use tablet layouts like on iPad?"
        ),
        "tags": ["ux"],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 195,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "mobile-calendar-view",
        "board": "mobile-apps",
        "title": "Month calendar view of my shifts in the app",
        "body": (
            "The app shows my shifts as a list. I'd love a month calendar view with dots on the "
            "days I work, so I can plan my life around it at a glance."
        ),
        "tags": ["calendar", "ux"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 75,
        "popularity": 0.22,
        "comments": [],
    },
    {
        "key": "phone-calendar-auto",
        "board": "mobile-apps",
        "title": "Automatically add my shifts to my phone's calendar",
        "body": (
            "I manually copy my shifts into my phone calendar every week so my partner can see "
            "them in our shared calendar. It would be amazing if the app just did that, and "
            "updated them when they change."
        ),
        "tags": ["calendar"],
        "author": "grace.mwangi@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "calendar-sync",
        "age_days": 95,
        "popularity": 0.15,
        "comments": [
            {
                "author": "cm@example.com",
                "body": (
                    "Good news, Grace: this exists! In the app go to Profile → Calendar sync → Add "
                    "to phone calendar. It updates when your manager publishes changes, and you "
                    "can share that calendar with your partner as usual."
                ),
                "official": True,
            },
            {
                "author": "grace.mwangi@example.com",
                "body": "Oh wow, found it. Thank you!",
                "official": False,
            },
        ],
    },
    {
        "key": "spanish-language-app",
        "board": "mobile-apps",
        "title": "Spanish version of the app",
        "body": (
            "More than half of our kitchen and cleaning staff are more comfortable in Spanish. The "
            "app being English-only means I spend a lot of time explaining how to request time off "
            "or swap shifts. A Spanish translation of the employee app would make a huge "
            "difference."
        ),
        "tags": ["localization"],
        "author": "maria.gonzalez@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: Spanish for the employee app first (schedule, clock-in, time off, swaps, "
            "notifications), then the manager screens and the web app. Each person will be able to "
            "pick their own language."
        ),
        "dup_group": "spanish-ui",
        "age_days": 480,
        "popularity": 0.66,
        "comments": [
            {
                "author": "carlos.mendoza@example.com",
                "body": "Big yes for all 4 of my stores.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "Update: translations for the employee app are done and being reviewed by "
                    "native speakers from two customer teams. If your team would like to beta "
                    "test, let us know in the comments."
                ),
                "official": True,
            },
            {
                "author": "maria.gonzalez@example.com",
                "body": "We'd love to test. I'll have two of my cooks try it.",
                "official": False,
            },
        ],
    },
    {
        "key": "kitchen-staff-english",
        "board": "mobile-apps",
        "title": "Many of my kitchen staff don't read English well",
        "body": (
            "I run the kitchen in a burger restaurant. My cooks are great, but a lot of them "
            "struggle with the English in the app and ask me to request their days off for them. "
            "It would help if the app could be used in their language."
        ),
        "tags": ["localization", "accessibility"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "spanish-ui",
        "age_days": 250,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "app-en-espanol",
        "board": "mobile-apps",
        "title": "App en español, por favor",
        "body": (
            "Hola! Trabajo en una tienda y muchos compañeros no hablan bien inglés. ¿Sería posible "
            "tener la app en español? Sobre todo las notificaciones y las solicitudes de "
            "vacaciones.\n\n(Spanish version of the app please, especially notifications and "
            "time-off requests.)"
        ),
        "tags": ["localization"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "spanish-ui",
        "age_days": 60,
        "popularity": 0.09,
        "comments": [
            {
                "author": "ana.ferreira@example.com",
                "body": (
                    '¡Hola Lucía! Spanish is in progress; see "Spanish version of the app" for '
                    "updates."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "french-german-languages",
        "board": "mobile-apps",
        "title": "French and German translations",
        "body": (
            "We have stores in Belgium (French and Dutch speaking) and our staff ask all the time "
            "for the app in French. German would help our colleagues in Eupen and the German "
            "customers too."
        ),
        "tags": ["localization"],
        "author": "fatima.elamrani@example.org",
        "status": "planned",
        "status_note": (
            "Planned after Spanish, using the same translation setup. French, German and Dutch are "
            "next, in that order based on votes."
        ),
        "dup_group": None,
        "age_days": 430,
        "popularity": 0.43,
        "comments": [
            {
                "author": "lukas.schmidt@example.com",
                "body": "German please! Our bakers would love it.",
                "official": False,
            },
        ],
    },
    {
        "key": "vietnamese-language",
        "board": "mobile-apps",
        "title": "Vietnamese language option",
        "body": (
            "All the technicians at my nail salons speak Vietnamese first. The app in Vietnamese "
            "would help them a lot, especially older staff."
        ),
        "tags": ["localization"],
        "author": "anh.nguyen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 140,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "arabic-rtl",
        "board": "mobile-apps",
        "title": "Arabic with right-to-left layout",
        "body": (
            "We're expanding to the UAE and most of our team leads would prefer Arabic. Important "
            "that it's a real RTL layout, not just translated text in a left-to-right screen."
        ),
        "tags": ["localization"],
        "author": "mohammed.alsayed@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 70,
        "popularity": 0.08,
        "comments": [],
    },
    {
        "key": "auto-translate-messages",
        "board": "mobile-apps",
        "title": "Translate announcements automatically into each employee's language",
        "body": (
            "Once the app supports several languages, it would be great if my announcements were "
            'automatically translated for each person (with a "show original" link).'
        ),
        "tags": ["localization", "notifications"],
        "author": "maria.gonzalez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 30,
        "popularity": 0.07,
        "comments": [],
    },
    {
        "key": "tip-declaration-clock-out",
        "board": "mobile-apps",
        "title": "Declare cash tips when clocking out",
        "body": (
            "Our servers need to declare cash tips for tax purposes at the end of each shift. If "
            'the clock-out screen asked "cash tips today?" we could send them with the hours to '
            "payroll instead of collecting paper slips."
        ),
        "tags": ["payroll", "time-tracking"],
        "author": "diego.alvarez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 320,
        "popularity": 0.26,
        "comments": [],
    },
    {
        "key": "tip-pooling",
        "board": "web-app",
        "title": "Tip pooling by hours worked",
        "body": (
            "We pool card tips at the end of each week and split them by hours worked, with the "
            "kitchen getting a share. I do this in a spreadsheet every Monday. Shiftly has all the "
            "hours, so it could calculate each person's share and include it in the payroll export."
        ),
        "tags": ["payroll"],
        "author": "sean.murphy@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. Tip rules vary a lot (by hours, by points, by role) and some countries "
            "regulate them tightly. We're collecting examples, so please describe your rules in "
            "the comments."
        ),
        "dup_group": None,
        "age_days": 450,
        "popularity": 0.45,
        "comments": [
            {
                "author": "pierre.dubois@example.net",
                "body": "We split by points: servers 1.0, runners 0.7, kitchen 0.5, then by hours.",
                "official": False,
            },
            {
                "author": "maria.gonzalez@example.com",
                "body": "Ours is hours-based but managers are excluded by law.",
                "official": False,
            },
            {
                "author": "kenji.watanabe@example.com",
                "body": "These examples are really useful, thank you. Keep them coming!",
                "official": True,
            },
        ],
    },
    {
        "key": "clock-out-attestation",
        "board": "mobile-apps",
        "title": 'Ask "did you take all your breaks?" at clock-out',
        "body": (
            "Our lawyer recommends that employees confirm at the end of every shift that they were "
            "offered their meal and rest breaks, and record a reason if not. Could clock-out "
            "include a short attestation question that is saved with the timesheet?"
        ),
        "tags": ["compliance", "time-tracking"],
        "author": "diego.alvarez@example.com",
        "status": "planned",
        "status_note": (
            "Planned as part of the break compliance work: configurable clock-out questions, "
            "answers saved with the timesheet and included in the break report."
        ),
        "dup_group": None,
        "age_days": 300,
        "popularity": 0.29,
        "comments": [],
    },
    {
        "key": "health-screening-questions",
        "board": "mobile-apps",
        "title": "Health screening questions before clocking in",
        "body": (
            "We need employees to confirm they have no symptoms before each shift. A short yes/no "
            "questionnaire at clock-in, stored for our records, would save us doing it on paper."
        ),
        "tags": ["compliance"],
        "author": "hannah.cohen@example.com",
        "status": "declined",
        "status_note": (
            "We've decided not to build health questionnaires into clock-in. Storing health data "
            "brings strict legal obligations in many regions. The configurable clock-out questions "
            "we're planning won't be meant for health data either."
        ),
        "dup_group": None,
        "age_days": 715,
        "popularity": 0.19,
        "comments": [],
    },
    {
        "key": "mileage-tracking",
        "board": "mobile-apps",
        "title": "Track mileage between client visits",
        "body": (
            "Our home care workers drive between clients all day and we reimburse mileage. It "
            "would be great to log trips in the app (start/end location or just kilometres), "
            "approved along with their timesheet."
        ),
        "tags": ["time-tracking", "payroll"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 230,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "missed-punch-request",
        "board": "mobile-apps",
        "title": "Let employees request a correction for a missed punch",
        "body": (
            "When I forget to clock out I have to find my manager and tell them, and they usually "
            'forget to fix it. Let me submit "I finished at 17:00" from the app with a note, and '
            "the manager approves it."
        ),
        "tags": ["time-tracking"],
        "author": "grace.mwangi@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.32,
        "comments": [
            {
                "author": "olga.petrova@example.net",
                "body": (
                    "As payroll, I'd love this, as long as the original punch and the request are "
                    "both kept."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "ot-heads-up-push",
        "board": "mobile-apps",
        "title": "Push alert to the manager when someone's shift will tip them into overtime",
        "body": (
            "If someone is at 37 hours and clocks in for a 6-hour shift, I'd like a push right "
            'then: "Sam will reach overtime at 14:00 today". Then I can send them home early or '
            "swap them out."
        ),
        "tags": ["notifications", "compliance"],
        "author": "member@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "overtime-alerts",
        "age_days": 110,
        "popularity": 0.16,
        "comments": [],
    },
    {
        "key": "training-shadow-shifts",
        "board": "mobile-apps",
        "title": "Mark shifts as training / shadowing",
        "body": (
            "New starters shadow an experienced colleague for their first 3 shifts. I'd like to "
            "mark those shifts as training so they don't count towards minimum staffing, and so "
            "both people see in the app who is training whom."
        ),
        "tags": ["scheduling"],
        "author": "hannah.cohen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 185,
        "popularity": 0.15,
        "comments": [],
    },
    {
        "key": "employee-self-service-profile",
        "board": "mobile-apps",
        "title": "Let me update my own address and emergency contact",
        "body": (
            "I moved and had to email my manager to change my address. I should be able to update "
            "my own contact details and emergency contact in the app (maybe with HR approval)."
        ),
        "tags": ["ux"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 210,
        "popularity": 0.2,
        "comments": [],
    },
    # --- integrations: calendars and chat
    {
        "key": "google-calendar-sync",
        "board": "integrations-api",
        "title": "Sync my shifts to Google Calendar",
        "body": (
            "Everything in my life is in Google Calendar except my work shifts. If my shifts "
            "showed up there automatically (and moved when the schedule changes), I'd stop "
            "double-booking myself with uni and dentist appointments."
        ),
        "tags": ["calendar"],
        "author": "lucia.romero@example.net",
        "status": "shipped",
        "status_note": (
            "Shipped! Every employee has a personal calendar feed under Profile → Calendar sync. "
            "It works with Google Calendar, Apple Calendar and Outlook and updates when the "
            "schedule is published. Google refreshes subscribed calendars every few hours, which "
            "we can't control."
        ),
        "dup_group": "calendar-sync",
        "age_days": 700,
        "popularity": 0.88,
        "comments": [
            {
                "author": "isabela.costa@example.com",
                "body": "Please please please.",
                "official": False,
            },
            {
                "author": "noah.williams@example.com",
                "body": (
                    "Would also love to see open shifts in the calendar, but my own shifts are the "
                    "priority."
                ),
                "official": False,
            },
            {
                "author": "cm@example.com",
                "body": (
                    "This is now live for everyone! Thanks for 200+ votes. Details are in the "
                    "status note; let us know how it works for you."
                ),
                "official": True,
            },
            {
                "author": "lucia.romero@example.net",
                "body": (
                    "Works perfectly, thank you!! The delay with Google is a bit annoying but fine."
                ),
                "official": False,
            },
            {
                "author": "tunde.adeyemi@example.org",
                "body": (
                    "Tip for Google users: the delay is on Google's side for all subscribed "
                    "calendars. Nothing Shiftly can do about it."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "ical-feed-shifts",
        "board": "integrations-api",
        "title": "iCal (ICS) subscription link for my schedule",
        "body": (
            "A plain ICS feed URL would let me subscribe from any calendar app (I use Fastmail). "
            "It should include location and position in the event, and remove events when shifts "
            "are deleted."
        ),
        "tags": ["calendar", "export"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": "calendar-sync",
        "age_days": 150,
        "popularity": 0.16,
        "comments": [
            {
                "author": "mod@example.com",
                "body": (
                    'The calendar sync feed from "Sync my shifts to Google Calendar" is a standard '
                    "ICS URL, so Fastmail works too."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "outlook-calendar-shifts",
        "board": "integrations-api",
        "title": "My shifts in Outlook 365",
        "body": (
            "The dental practice runs on Microsoft 365 and our hygienists would like their Shiftly "
            "shifts to appear in their Outlook calendars next to meetings and training days."
        ),
        "tags": ["calendar"],
        "author": "hannah.cohen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "calendar-sync",
        "age_days": 30,
        "popularity": 0.07,
        "comments": [
            {
                "author": "ana.ferreira@example.com",
                "body": (
                    "Hi Hannah, the personal calendar feed works with Outlook: copy the link from "
                    "Profile → Calendar sync, then in Outlook choose Add calendar → Subscribe from "
                    "web."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "team-calendar-feed",
        "board": "integrations-api",
        "title": "Calendar feed of the whole team's schedule for managers",
        "body": (
            "The personal calendar feed is great. As a manager I'd also like a feed of everyone at "
            "my location, so I can see in Outlook who is working when I plan meetings and "
            "trainings."
        ),
        "tags": ["calendar"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "two-way-calendar-availability",
        "board": "integrations-api",
        "title": "Mark me unavailable when my Google Calendar is busy",
        "body": (
            "Reverse calendar sync: if I have a class or appointment in my Google Calendar, "
            "Shiftly could show me as unavailable at that time (just busy/free, not the details). "
            "Would save updating availability twice."
        ),
        "tags": ["calendar", "scheduling"],
        "author": "lucia.romero@example.net",
        "status": "declined",
        "status_note": (
            "We've decided against reading employees' personal calendars. Even busy/free data from "
            "a private calendar blurs the line between work and private life, and several "
            "customers told us their works councils would object. Availability stays something "
            "employees set deliberately."
        ),
        "dup_group": None,
        "age_days": 420,
        "popularity": 0.28,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": "Thank you. Our works council would have made us switch it off anyway.",
                "official": False,
            },
        ],
    },
    {
        "key": "slack-schedule-published",
        "board": "integrations-api",
        "title": "Post to a Slack channel when the schedule is published",
        "body": (
            "Our managers and shift leads live in Slack. When the schedule for next week is "
            "published (or changed), post a message in #scheduling with a link, so nobody misses "
            "it."
        ),
        "tags": ["notifications"],
        "author": "member@example.com",
        "status": "planned",
        "status_note": (
            "Planned: a Slack app that posts schedule publishing, open shifts, call-outs and "
            "pending approvals to channels you choose per location."
        ),
        "dup_group": "slack",
        "age_days": 380,
        "popularity": 0.38,
        "comments": [
            {
                "author": "tunde.adeyemi@example.org",
                "body": (
                    "Would be nice if this were built on the public webhooks so we can do similar "
                    "things with other tools."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "slack-sick-call-alerts",
        "board": "integrations-api",
        "title": "Slack alert when someone calls in sick or drops a shift",
        "body": (
            "My store managers and I have a Slack channel for each store. I want to see there "
            "straight away when someone reports sick or releases a shift for tomorrow, so we can "
            "find cover together."
        ),
        "tags": ["notifications"],
        "author": "carlos.mendoza@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "slack",
        "age_days": 160,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "slack-integration",
        "board": "integrations-api",
        "title": "Slack integration",
        "body": (
            "We use Slack for all internal communication across our 6 stores. Any Shiftly "
            "notifications for managers (approvals, call-outs, schedule changes) in Slack would be "
            "a big improvement over email."
        ),
        "tags": ["notifications"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "slack",
        "age_days": 60,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "ms-teams-notifications",
        "board": "integrations-api",
        "title": "Microsoft Teams notifications for shift changes",
        "body": (
            "We're a Microsoft shop: Teams, Outlook, Entra ID. Managers would like Shiftly alerts "
            "(new requests, call-outs, published schedules) in a Teams channel per site."
        ),
        "tags": ["notifications"],
        "author": "rahul.mehta@example.com",
        "status": "under_review",
        "status_note": (
            "We're reviewing this alongside the Slack app. Most of the plumbing is shared, so "
            "Teams would likely follow shortly after Slack rather than at the same time."
        ),
        "dup_group": "teams",
        "age_days": 300,
        "popularity": 0.29,
        "comments": [
            {
                "author": "rebecca.thompson@example.com",
                "body": "Teams please, Slack isn't allowed in our company.",
                "official": False,
            },
        ],
    },
    {
        "key": "teams-app-who-is-working",
        "board": "integrations-api",
        "title": "A Teams tab showing who is working today",
        "body": (
            "Our clinic front desk uses Microsoft Teams all day. A Teams tab or bot that shows "
            "who's on shift today, and lets people see their own schedule without opening another "
            "app, would be very handy."
        ),
        "tags": ["notifications", "scheduling"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "teams",
        "age_days": 75,
        "popularity": 0.08,
        "comments": [],
    },
    {
        "key": "whatsapp-notifications",
        "board": "integrations-api",
        "title": "Send shift notifications through WhatsApp",
        "body": (
            "In Brazil and Spain everyone uses WhatsApp, nobody reads SMS and many don't install "
            "extra apps. Sending schedule and reminder notifications via WhatsApp Business would "
            "reach everyone."
        ),
        "tags": ["notifications", "localization"],
        "author": "isabela.costa@example.com",
        "status": "under_review",
        "status_note": (
            "We're evaluating WhatsApp Business messaging as a channel next to push and SMS. Costs "
            "and per-country rules are the main open questions."
        ),
        "dup_group": None,
        "age_days": 230,
        "popularity": 0.34,
        "comments": [
            {
                "author": "lucia.romero@example.net",
                "body": "Yes, in Spain this would work much better than SMS.",
                "official": False,
            },
        ],
    },
    {
        "key": "twilio-own-sender",
        "board": "integrations-api",
        "title": "Use our own Twilio account for SMS",
        "body": (
            "We already have a Twilio account with a local sender ID. Letting us plug it into "
            "Shiftly for SMS would mean our staff get texts from a number they recognise, and we "
            "control the cost."
        ),
        "tags": ["notifications"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 180,
        "popularity": 0.06,
        "comments": [],
    },
    # --- integrations: payroll
    {
        "key": "datev-lohn-export",
        "board": "integrations-api",
        "title": "DATEV Lohn und Gehalt export",
        "body": (
            "We're a bakery chain with 11 branches in Bavaria. Our tax advisor does payroll in "
            "DATEV Lohn und Gehalt. Every month I export hours from Shiftly as CSV and then spend "
            "half a day mapping them to DATEV wage types (Lohnarten) by hand. A native DATEV "
            "export with configurable Lohnarten would save a full day a month and a lot of errors."
        ),
        "tags": ["payroll", "export"],
        "author": "lukas.schmidt@example.com",
        "status": "planned",
        "status_note": (
            "Planned. We'll support DATEV Lohn und Gehalt and LODAS import formats, with a mapping "
            "of Shiftly pay codes (regular hours, overtime, night/Sunday/holiday premiums, "
            "absences) to your Lohnarten."
        ),
        "dup_group": "datev",
        "age_days": 510,
        "popularity": 0.52,
        "comments": [
            {
                "author": "jonas.becker@example.com",
                "body": "LODAS as well please, our Steuerberater uses LODAS.",
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "Both are in scope. We're working with two tax advisory firms to test the "
                    "files before release."
                ),
                "official": True,
            },
            {
                "author": "lukas.schmidt@example.com",
                "body": "Wunderbar. Our Steuerbüro is happy to test too, just reach out.",
                "official": False,
            },
        ],
    },
    {
        "key": "german-tax-advisor-export",
        "board": "integrations-api",
        "title": "Export hours in a format our German tax advisor can import",
        "body": (
            "Our Steuerberater says the CSV from Shiftly can't be imported into their software. "
            "They need hours split by wage type (Normalstunden, Überstunden, Nachtzuschlag, "
            "Sonntagszuschlag) per employee with their personnel number. Right now I retype "
            "everything."
        ),
        "tags": ["payroll", "export", "localization"],
        "author": "jonas.becker@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "datev",
        "age_days": 120,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "lodas-hotels",
        "board": "integrations-api",
        "title": "LODAS-compatible export for our German hotels",
        "body": (
            "Our hotel group has two properties in Germany whose payroll is done by an external "
            "office in LODAS. The other countries are fine with the generic export, but for "
            "Germany we need a file they can import directly, including absence codes for sick "
            "days and holidays."
        ),
        "tags": ["payroll", "export"],
        "author": "olga.petrova@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "datev",
        "age_days": 205,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "adp-workforce-now",
        "board": "integrations-api",
        "title": "ADP Workforce Now integration",
        "body": (
            "We're a 600-person grocery chain on ADP Workforce Now. Today we export timesheets to "
            "CSV and our payroll team imports them into ADP, fixing employee IDs along the way. "
            "We'd like a direct integration: employees synced from ADP, approved hours pushed to "
            "ADP each pay period."
        ),
        "tags": ["payroll"],
        "author": "rebecca.thompson@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. ADP's partner programme requires a certification process, and we're "
            "evaluating it now. In the meantime, the ADP-formatted CSV export is the recommended "
            "route."
        ),
        "dup_group": "adp",
        "age_days": 450,
        "popularity": 0.71,
        "comments": [
            {
                "author": "olga.petrova@example.net",
                "body": "Our hotels would switch from CSV immediately.",
                "official": False,
            },
            {
                "author": "pm@example.com",
                "body": (
                    "A quick note on timing: ADP certification typically takes several months, so "
                    "even once we commit, this won't be fast. We'll keep this idea updated."
                ),
                "official": True,
            },
            {
                "author": "rebecca.thompson@example.com",
                "body": "Appreciate the honesty. Please do keep us posted.",
                "official": False,
            },
        ],
    },
    {
        "key": "push-hours-adp",
        "board": "integrations-api",
        "title": "Send approved timesheets straight to ADP instead of CSV",
        "body": (
            "The ADP CSV export works, but every pay run someone has to download it, log into ADP "
            "and upload it, and if one employee ID doesn't match the whole file fails. A \"send to "
            'ADP" button would remove the most error-prone step of our payroll.'
        ),
        "tags": ["payroll", "export"],
        "author": "olga.petrova@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": "adp",
        "age_days": 210,
        "popularity": 0.22,
        "comments": [],
    },
    {
        "key": "gusto-sync",
        "board": "integrations-api",
        "title": "Two-way sync with Gusto (employees and hours)",
        "body": (
            "I'm a bookkeeper for several small restaurants on Gusto. Ideally new hires added in "
            "Gusto appear in Shiftly automatically, and approved hours (including overtime and "
            "PTO) go into the Gusto pay run without any CSV."
        ),
        "tags": ["payroll"],
        "author": "sarah.kowalski@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: connect Gusto under Settings → Integrations. Employees sync from Gusto, and "
            "approved hours, overtime and time off are sent to the matching pay period."
        ),
        "dup_group": "gusto",
        "age_days": 560,
        "popularity": 0.61,
        "comments": [
            {
                "author": "hannah.cohen@example.com",
                "body": "Set it up in 10 minutes. Payroll day went from 2 hours to 15 minutes.",
                "official": False,
            },
        ],
    },
    {
        "key": "connect-gusto",
        "board": "integrations-api",
        "title": "Connect Shiftly to Gusto so I stop retyping hours",
        "body": (
            "Every two weeks I print the Shiftly timesheets and type the hours into Gusto for 12 "
            "people. It takes ages and I always make a mistake somewhere. Please connect them!"
        ),
        "tags": ["payroll"],
        "author": "anh.nguyen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "gusto",
        "age_days": 48,
        "popularity": 0.05,
        "comments": [
            {
                "author": "kenji.watanabe@example.com",
                "body": (
                    "Hi Anh! Good news: the Gusto integration already exists. Go to Settings → "
                    "Integrations → Gusto and connect your account. Our support team is happy to "
                    "help if you get stuck."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "xero-payroll-uk",
        "board": "integrations-api",
        "title": "Xero Payroll (UK and Ireland) timesheet export",
        "body": (
            "We run our pub's payroll in Xero. It would be great to push approved hours straight "
            "into Xero timesheets for each pay run, with the right earnings rates for normal "
            "hours, Sunday premium and holiday pay."
        ),
        "tags": ["payroll"],
        "author": "sean.murphy@example.com",
        "status": "planned",
        "status_note": (
            "Planned: a Xero Payroll integration for the UK, Australia and New Zealand, sending "
            "approved hours as Xero timesheets with your earnings rates mapped."
        ),
        "dup_group": "xero",
        "age_days": 340,
        "popularity": 0.36,
        "comments": [],
    },
    {
        "key": "xero-timesheets-bookkeeper",
        "board": "integrations-api",
        "title": "Push hours into Xero for my hospitality clients",
        "body": (
            "I'm a bookkeeper with 9 hospitality clients, all on Xero. Each pay run I download "
            "Shiftly CSVs and rekey them into Xero timesheets. A direct sync would save me hours "
            "per week and my clients would stop sending me screenshots."
        ),
        "tags": ["payroll", "export"],
        "author": "sarah.kowalski@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "xero",
        "age_days": 150,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "quickbooks-payroll",
        "board": "integrations-api",
        "title": "QuickBooks Online Payroll integration",
        "body": (
            "Lots of small businesses in the US are on QuickBooks Online Payroll. We'd like "
            "approved hours sent to QuickBooks like the Gusto integration does."
        ),
        "tags": ["payroll"],
        "author": "hannah.cohen@example.com",
        "status": "under_review",
        "status_note": (
            "Under review together with Xero. We'd like to know how many of you use QuickBooks "
            "Payroll rather than QuickBooks for accounting only, so please comment."
        ),
        "dup_group": None,
        "age_days": 370,
        "popularity": 0.4,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": "Three of my US clients use QBO Payroll.",
                "official": False,
            },
        ],
    },
    {
        "key": "paychex-flex",
        "board": "integrations-api",
        "title": "Paychex Flex export",
        "body": (
            "Our payroll provider is Paychex. Could you add a Paychex Flex import file to the "
            "payroll exports? Right now our generic CSV needs a lot of reformatting."
        ),
        "tags": ["payroll", "export"],
        "author": "marcus.brown@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 240,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "sage-payroll-uk",
        "board": "integrations-api",
        "title": "Sage Payroll export for UK customers",
        "body": (
            "We're a UK café group with our payroll in Sage 50 Payroll. A Sage-compatible export "
            "with the right payment codes would be a big help."
        ),
        "tags": ["payroll", "export"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 190,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "personio-sync",
        "board": "integrations-api",
        "title": "Personio integration (employees and absences)",
        "body": (
            "Our HR master data and absences live in Personio. We'd like employees to sync into "
            "Shiftly automatically, and approved absences from Personio to block scheduling, so "
            "nobody is scheduled while on holiday."
        ),
        "tags": ["time-off"],
        "author": "fatima.elamrani@example.org",
        "status": "under_review",
        "status_note": (
            "Under review. Personio is the most requested HR system from our European customers; "
            "we're assessing their API for employee and absence sync."
        ),
        "dup_group": None,
        "age_days": 330,
        "popularity": 0.42,
        "comments": [
            {
                "author": "lukas.schmidt@example.com",
                "body": "We also use Personio, would be great.",
                "official": False,
            },
        ],
    },
    {
        "key": "bamboohr-sync",
        "board": "integrations-api",
        "title": "BambooHR employee sync",
        "body": (
            "New hires are entered in BambooHR by HR and then again in Shiftly by the store "
            "manager, usually with typos. A sync from BambooHR (name, email, phone, location, job "
            "title) would remove the double entry."
        ),
        "tags": [],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 280,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "myob-australia",
        "board": "integrations-api",
        "title": "MYOB payroll export for Australia",
        "body": (
            "We're opening two cafés in Melbourne. Payroll there will run through MYOB. An MYOB "
            "timesheet export would save us a lot of manual work."
        ),
        "tags": ["payroll", "export"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 95,
        "popularity": 0.06,
        "comments": [],
    },
    {
        "key": "australia-award-interpretation",
        "board": "integrations-api",
        "title": "Australian award interpretation (penalty rates)",
        "body": (
            "In Australia, hospitality staff are paid under the Hospitality Industry Award with "
            "penalty rates for evenings, weekends, public holidays and casual loading. Without "
            "award interpretation, we can't use Shiftly for payroll there."
        ),
        "tags": ["payroll", "compliance"],
        "author": "emma.johansson@example.com",
        "status": "declined",
        "status_note": (
            "We're not planning award interpretation. Australian awards are complex and change "
            "often, and dedicated local providers do this well. Our focus is exporting accurate "
            "hours with time-based pay codes so your payroll system can apply the award."
        ),
        "dup_group": None,
        "age_days": 260,
        "popularity": 0.15,
        "comments": [
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "To add some detail: the export already separates evening, weekend and public "
                    "holiday hours as their own pay codes, which most Australian payroll systems "
                    "can map to award rates."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "earned-wage-access",
        "board": "integrations-api",
        "title": "Earned wage access partner integration",
        "body": (
            "Our staff keep asking for a pay advance. Providers like Wagestream or DailyPay need "
            "verified hours worked. An integration sharing approved hours with such a provider "
            "would let us offer it without extra admin."
        ),
        "tags": ["payroll"],
        "author": "rebecca.thompson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 175,
        "popularity": 0.13,
        "comments": [],
    },
    {
        "key": "payroll-in-shiftly",
        "board": "integrations-api",
        "title": "Run payroll directly in Shiftly",
        "body": (
            "We already have all the hours, rates and time off in Shiftly. Why not go one step "
            "further and run payroll (payslips, tax, direct deposit) inside Shiftly, so small "
            "businesses don't need a second tool?"
        ),
        "tags": ["payroll"],
        "author": "anh.nguyen@example.com",
        "status": "declined",
        "status_note": (
            "We won't be running payroll ourselves. Payroll means tax filings, legal liability and "
            "country-specific rules, and providers like Gusto, ADP, DATEV and Xero do this very "
            "well. We'll keep investing in making hours flow into them without manual work."
        ),
        "dup_group": None,
        "age_days": 640,
        "popularity": 0.3,
        "comments": [
            {
                "author": "sarah.kowalski@example.com",
                "body": (
                    "As a bookkeeper I agree with the decision. Good integrations are what matters."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "custom-csv-columns",
        "board": "integrations-api",
        "title": "Choose columns and order in the payroll CSV export",
        "body": (
            "Our payroll provider isn't one you support, and the import needs the columns in a "
            "specific order with specific headers. A customisable export template (choose columns, "
            "rename headers, date format, decimal separator) would make any payroll provider "
            "possible."
        ),
        "tags": ["export", "payroll"],
        "author": "olga.petrova@example.net",
        "status": "in_progress",
        "status_note": (
            "In progress: custom export templates with column selection, renaming, ordering, "
            "date/number formats and separator. Templates can be shared across locations."
        ),
        "dup_group": None,
        "age_days": 400,
        "popularity": 0.53,
        "comments": [
            {
                "author": "fatima.elamrani@example.org",
                "body": "Please include a decimal comma option for Europe.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": "Decimal comma and semicolon separators are both included.",
                "official": True,
            },
        ],
    },
    # --- integrations: POS and forecasting data
    {
        "key": "square-sales-import",
        "board": "integrations-api",
        "title": "Import sales from Square to show labour % in the scheduler",
        "body": (
            "I own 4 quick-service franchise stores on Square. The number I care about is labour "
            "as a percentage of sales. If Shiftly pulled hourly sales from Square, the scheduler "
            "could show projected labour % while I build the week, and the reports could show "
            "actual labour % by day."
        ),
        "tags": ["reporting"],
        "author": "carlos.mendoza@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: a Square integration that imports sales per location and hour. Labour % "
            "will appear in the scheduler (against last year's sales for the same week) and in the "
            "labour reports."
        ),
        "dup_group": "square-pos",
        "age_days": 390,
        "popularity": 0.58,
        "comments": [
            {
                "author": "member@example.com",
                "body": "Our coffee shops are on Square too, can't wait.",
                "official": False,
            },
            {
                "author": "tomas.novak@example.com",
                "body": (
                    "We're in a closed beta with 6 Square customers right now. If you'd like to "
                    "join, comment here with your number of locations."
                ),
                "official": True,
            },
            {
                "author": "carlos.mendoza@example.com",
                "body": "4 locations, happy to join.",
                "official": False,
            },
        ],
    },
    {
        "key": "square-pos-integration",
        "board": "integrations-api",
        "title": "Square POS integration",
        "body": (
            "We use Square in all 5 of our coffee shops. Would love an integration so Shiftly "
            "knows how busy we are."
        ),
        "tags": [],
        "author": "member@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "square-pos",
        "age_days": 280,
        "popularity": 0.21,
        "comments": [],
    },
    {
        "key": "wages-vs-takings",
        "board": "integrations-api",
        "title": "See wages against takings per hour from our till",
        "body": (
            "I'd like to know whether I'm overstaffed on a Tuesday afternoon. If the hours from "
            "Shiftly could be set against what went through the till (we have Square), hour by "
            "hour, I could see it straight away instead of guessing."
        ),
        "tags": ["reporting"],
        "author": "sean.murphy@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "square-pos",
        "age_days": 20,
        "popularity": 0.06,
        "comments": [],
    },
    {
        "key": "toast-integration",
        "board": "integrations-api",
        "title": "Toast POS integration for labour and sales",
        "body": (
            "All our burger restaurants run on Toast. We'd like Toast sales to feed Shiftly's "
            "labour reports, and jobs/wages to stay in sync between the two systems."
        ),
        "tags": ["reporting"],
        "author": "diego.alvarez@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. We're building the POS sales foundation with Square first; Toast is the "
            "most requested next POS."
        ),
        "dup_group": "toast-pos",
        "age_days": 330,
        "popularity": 0.47,
        "comments": [],
    },
    {
        "key": "toast-punch-sync",
        "board": "integrations-api",
        "title": "Our staff clock in on Toast – pull those punches into Shiftly",
        "body": (
            "Our servers clock in on the Toast terminals because they need to be logged in to take "
            "orders anyway. Then we have timesheets in Toast and schedules in Shiftly and nothing "
            "matches up. Could Shiftly import the punches from Toast so we can compare to the "
            "schedule and run payroll from one place?"
        ),
        "tags": ["time-tracking"],
        "author": "maria.gonzalez@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "toast-pos",
        "age_days": 200,
        "popularity": 0.19,
        "comments": [],
    },
    {
        "key": "lightspeed-pos",
        "board": "integrations-api",
        "title": "Lightspeed Retail integration",
        "body": (
            "Our 6 bike shops run on Lightspeed Retail. Like the Square integration, it would be "
            "great to get sales per hour into Shiftly so we can staff for Saturday mornings "
            "properly."
        ),
        "tags": ["reporting"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 215,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "lightspeed-restaurant-k-series",
        "board": "integrations-api",
        "title": "Lightspeed Restaurant (K-Series) sales import",
        "body": (
            "Our bistro uses Lightspeed Restaurant. We'd like covers and sales per service to "
            "compare with staffing. Lots of restaurants in France use it."
        ),
        "tags": ["reporting"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 140,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "clover-pos",
        "board": "integrations-api",
        "title": "Clover POS integration",
        "body": (
            "Our salon uses Clover for payments. Sales data in Shiftly would help me staff the "
            "busy Friday and Saturday afternoons better."
        ),
        "tags": [],
        "author": "anh.nguyen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 120,
        "popularity": 0.07,
        "comments": [],
    },
    {
        "key": "shopify-pos",
        "board": "integrations-api",
        "title": "Shopify POS for our shops",
        "body": (
            "We sell online and in 3 stores, all through Shopify. Shopify POS sales per hour would "
            "be very useful for store staffing."
        ),
        "tags": [],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 75,
        "popularity": 0.09,
        "comments": [],
    },
    {
        "key": "manual-sales-entry",
        "board": "integrations-api",
        "title": "Upload daily sales from a spreadsheet when there's no POS integration",
        "body": (
            "Our POS (a local Swedish one) will never have an integration. Let me upload a CSV of "
            "sales per day or per hour, so I still get labour percentages and forecasts like the "
            "Square customers do."
        ),
        "tags": ["reporting"],
        "author": "emma.johansson@example.com",
        "status": "planned",
        "status_note": (
            "Planned as part of the sales data work: a CSV import and a simple API endpoint for "
            "sales, so any POS can feed labour % and forecasts."
        ),
        "dup_group": None,
        "age_days": 250,
        "popularity": 0.27,
        "comments": [],
    },
    {
        "key": "opentable-covers",
        "board": "integrations-api",
        "title": "Use OpenTable reservations to plan staffing",
        "body": (
            "We know days in advance how many covers are booked through OpenTable. Showing booked "
            "covers per service in the scheduler would tell me when to add a server."
        ),
        "tags": ["scheduling"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 305,
        "popularity": 0.21,
        "comments": [
            {
                "author": "maria.gonzalez@example.com",
                "body": "Resy for us, but the same idea.",
                "official": False,
            },
        ],
    },
    {
        "key": "weather-forecast-scheduler",
        "board": "integrations-api",
        "title": "Show the weather forecast in the scheduler",
        "body": (
            "For our beach café, weather is everything. A little weather icon and temperature on "
            "each day of next week's schedule would help me decide how many people to bring in."
        ),
        "tags": ["scheduling"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 175,
        "popularity": 0.25,
        "comments": [
            {
                "author": "sean.murphy@example.com",
                "body": "Beer garden owner agrees.",
                "official": False,
            },
        ],
    },
    {
        "key": "clinic-booking-volume",
        "board": "integrations-api",
        "title": "Import appointment volume from our clinic booking system",
        "body": (
            "We use Cliniko for patient bookings. Knowing how many appointments are booked per day "
            "per clinic would help us schedule reception and support staff."
        ),
        "tags": ["scheduling"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 155,
        "popularity": 0.08,
        "comments": [],
    },
    {
        "key": "wms-volume-forecast",
        "board": "integrations-api",
        "title": "Staff the warehouse from order volumes in our WMS",
        "body": (
            "Our warehouse management system knows tomorrow's order volume by 18:00 today. If we "
            "could send that number to Shiftly (API or file), it could calculate how many pickers "
            "we need per shift based on picks per hour."
        ),
        "tags": ["scheduling"],
        "author": "chen.wei@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 265,
        "popularity": 0.22,
        "comments": [],
    },
    # --- integrations: SSO and identity
    {
        "key": "saml-sso-okta",
        "board": "integrations-api",
        "title": "SAML single sign-on (Okta)",
        "body": (
            "We manage all our SaaS access through Okta. For Shiftly we'd like SAML SSO for "
            "managers and office staff, with the option to keep password login for hourly staff "
            "who don't have company accounts."
        ),
        "tags": ["security"],
        "author": "rahul.mehta@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped for Business and Enterprise plans. SAML 2.0 works with Okta, Microsoft Entra "
            "ID, Google Workspace, OneLogin and others. SSO can be required for selected roles "
            "only."
        ),
        "dup_group": "sso",
        "age_days": 640,
        "popularity": 0.6,
        "comments": [
            {
                "author": "rahul.mehta@example.com",
                "body": (
                    "Set up in 20 minutes. The per-role enforcement was exactly what we needed."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "entra-id-login",
        "board": "integrations-api",
        "title": "Sign in with Microsoft Entra ID (Azure AD)",
        "body": (
            "Our store managers and HR log into everything with their Microsoft work accounts. "
            "Having one more password for Shiftly means more reset tickets for IT. Please support "
            "logging in with Entra ID."
        ),
        "tags": ["security"],
        "author": "mei.lin@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": "sso",
        "age_days": 110,
        "popularity": 0.14,
        "comments": [
            {
                "author": "mod@example.com",
                "body": (
                    "Hi Mei, the SAML SSO feature supports Entra ID. Your IT team can find the "
                    "setup guide under Settings → Security → Single sign-on (Business plan and "
                    "above)."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "sso-all-vendors-policy",
        "board": "integrations-api",
        "title": "Our security policy requires SSO for every vendor",
        "body": (
            "We're evaluating Shiftly for 400 staff and our security team will only approve tools "
            "with single sign-on through our identity provider. Is this possible?"
        ),
        "tags": ["security"],
        "author": "yuki.tanaka@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "sso",
        "age_days": 30,
        "popularity": 0.05,
        "comments": [],
    },
    {
        "key": "sso-on-smaller-plans",
        "board": "integrations-api",
        "title": "Offer SSO on the Standard plan",
        "body": (
            "We're a 35-person business and don't need anything else from the Business plan except "
            "SSO. Paying double just for SSO is hard to justify. Could it be an add-on?"
        ),
        "tags": ["security"],
        "author": "tunde.adeyemi@example.org",
        "status": "declined",
        "status_note": (
            "SSO stays on the Business plan for now. Supporting enterprise identity setups takes "
            "significant support time, which is what the plan covers. We'll revisit this as part "
            "of next year's pricing review and will update this idea if that changes."
        ),
        "dup_group": None,
        "age_days": 350,
        "popularity": 0.3,
        "comments": [
            {
                "author": "rahul.mehta@example.com",
                "body": (
                    'Understand the reasoning, but "SSO tax" is a common complaint. An add-on '
                    "would be a nice middle ground."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "scim-provisioning",
        "board": "integrations-api",
        "title": "SCIM user provisioning",
        "body": (
            "With SSO in place, the remaining manual work is creating and removing users. SCIM 2.0 "
            "provisioning from Okta/Entra would let us add managers by assigning them a group, and "
            "remove access automatically when someone leaves."
        ),
        "tags": ["security", "permissions"],
        "author": "rahul.mehta@example.com",
        "status": "planned",
        "status_note": (
            "Planned: SCIM 2.0 for Okta and Microsoft Entra ID, including group-to-role mapping "
            "and deactivation (archiving) on de-provisioning."
        ),
        "dup_group": "scim",
        "age_days": 400,
        "popularity": 0.31,
        "comments": [],
    },
    {
        "key": "auto-deactivate-leavers",
        "board": "integrations-api",
        "title": "Automatically deactivate leavers when they're removed from Okta",
        "body": (
            "An area manager left last month and still had Shiftly access two weeks later, because "
            "removing him in Okta doesn't touch Shiftly. Our auditors flagged it. When someone is "
            "removed in our identity provider, they should lose access to Shiftly immediately."
        ),
        "tags": ["security"],
        "author": "rebecca.thompson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "scim",
        "age_days": 220,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "google-workspace-login",
        "board": "integrations-api",
        "title": '"Sign in with Google" for everyone',
        "body": (
            'Not full SAML, just a simple "Sign in with Google" button for staff who have a Gmail '
            "or Google Workspace account. Most of my employees already use Google and hate "
            "remembering another password."
        ),
        "tags": ["security", "ux"],
        "author": "noah.williams@example.com",
        "status": "under_review",
        "status_note": (
            'Reviewing "Sign in with Google" and "Sign in with Apple" for employees on all plans, '
            "separate from SAML SSO on the Business plan."
        ),
        "dup_group": None,
        "age_days": 500,
        "popularity": 0.43,
        "comments": [],
    },
    # --- integrations: API and webhooks
    {
        "key": "webhooks-shift-changes",
        "board": "integrations-api",
        "title": "Webhooks for shift created / updated / deleted",
        "body": (
            "We're a staffing agency and sync Shiftly schedules into our billing system. Polling "
            "the shifts endpoint every 5 minutes is wasteful and still laggy. Webhooks for shift "
            "events would fix both."
        ),
        "tags": ["notifications"],
        "author": "yuki.tanaka@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped: webhooks for shifts, timesheets, time off and employees. Payloads are signed "
            "(HMAC-SHA256) and failed deliveries are retried with backoff for 24 hours."
        ),
        "dup_group": "webhooks",
        "age_days": 450,
        "popularity": 0.5,
        "comments": [
            {
                "author": "tunde.adeyemi@example.org",
                "body": "The signature verification example in the docs was very helpful, thanks.",
                "official": False,
            },
        ],
    },
    {
        "key": "realtime-push-hr-system",
        "board": "integrations-api",
        "title": "Push changes to our HR system in real time instead of polling",
        "body": (
            "Our internal HR system needs to know within minutes when an employee's schedule "
            "changes (for access control to the building). Polling your API every minute for 300 "
            "employees hits the rate limit. Some kind of push/callback mechanism is needed."
        ),
        "tags": ["notifications", "performance"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": "webhooks",
        "age_days": 160,
        "popularity": 0.15,
        "comments": [
            {
                "author": "bram.devries@example.com",
                "body": (
                    "Hi Tunde, webhooks are available now (Settings → Developers → Webhooks); that "
                    "should replace the polling."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "notify-endpoint-events",
        "board": "integrations-api",
        "title": "Call our endpoint when something changes in Shiftly",
        "body": (
            "We'd like Shiftly to call a URL on our side whenever a timesheet is approved or a "
            "time-off request changes status, so our payroll middleware can pick it up immediately."
        ),
        "tags": ["payroll"],
        "author": "mohammed.alsayed@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "webhooks",
        "age_days": 60,
        "popularity": 0.05,
        "comments": [],
    },
    {
        "key": "webhook-delivery-log",
        "board": "integrations-api",
        "title": "Webhook delivery log with replay",
        "body": (
            "When our endpoint was down for an hour, some webhooks failed permanently and we had "
            'no way to see which. A delivery log (status, response code, payload) with a "resend" '
            "button would make webhooks much more reliable to depend on."
        ),
        "tags": ["notifications"],
        "author": "yuki.tanaka@example.com",
        "status": "planned",
        "status_note": (
            "Planned: a 30-day delivery log per webhook with payload, response and a resend button."
        ),
        "dup_group": None,
        "age_days": 280,
        "popularity": 0.23,
        "comments": [],
    },
    {
        "key": "api-approved-timesheets",
        "board": "integrations-api",
        "title": "API endpoint for approved timesheets",
        "body": (
            "The API gives us shifts but not actual worked time. We need an endpoint returning "
            "approved timesheets (with breaks and pay codes) for a date range, so we can bill our "
            "clients on actual hours."
        ),
        "tags": ["time-tracking", "export"],
        "author": "yuki.tanaka@example.com",
        "status": "shipped",
        "status_note": (
            "Shipped in API v2: /timesheets with filters for date range, location, employee and "
            "approval status, including breaks and pay codes."
        ),
        "dup_group": "api-timesheets",
        "age_days": 400,
        "popularity": 0.35,
        "comments": [],
    },
    {
        "key": "read-clocked-hours-api",
        "board": "integrations-api",
        "title": "Read clocked hours through the API for our billing",
        "body": (
            "We invoice our logistics customers per hour worked on their account. We need to pull "
            "the actual clocked hours per employee per day from Shiftly automatically, not the "
            "scheduled ones."
        ),
        "tags": ["time-tracking"],
        "author": "mohammed.alsayed@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "api-timesheets",
        "age_days": 120,
        "popularity": 0.1,
        "comments": [
            {
                "author": "kenji.watanabe@example.com",
                "body": (
                    "Hi Mohammed, the /timesheets endpoint in API v2 returns exactly this. The "
                    "docs are under Settings → Developers. If it's missing something you need, "
                    "tell us here!"
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "api-create-shifts",
        "board": "integrations-api",
        "title": "Create and update shifts through the API",
        "body": (
            "Our planning tool calculates the schedule for our warehouse. We'd like to push the "
            "result into Shiftly via the API as draft shifts that a manager reviews and publishes. "
            "Right now the API is read-only for shifts."
        ),
        "tags": ["scheduling"],
        "author": "chen.wei@example.com",
        "status": "in_progress",
        "status_note": (
            "In progress: write endpoints for shifts (create, update, delete as drafts) and a "
            "publish endpoint, with the same validation the scheduler applies."
        ),
        "dup_group": None,
        "age_days": 360,
        "popularity": 0.39,
        "comments": [],
    },
    {
        "key": "openapi-spec",
        "board": "integrations-api",
        "title": "Publish an OpenAPI specification",
        "body": (
            "Please publish an OpenAPI 3 spec for the API. We generate clients from specs and it "
            "would also make the docs easier to test from tools like Postman."
        ),
        "tags": [],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 380,
        "popularity": 0.26,
        "comments": [],
    },
    {
        "key": "api-rate-limit",
        "board": "integrations-api",
        "title": "Higher API rate limits for larger accounts",
        "body": (
            "The limit of 60 requests per minute is too low for our nightly sync of 900 employees "
            "across 40 locations. Either higher limits for bigger accounts or bulk endpoints would "
            "help."
        ),
        "tags": ["performance"],
        "author": "yuki.tanaka@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing. Bulk endpoints for employees and shifts look like the better fix, since "
            "they'd also make syncs faster. We'll share a proposal here."
        ),
        "dup_group": None,
        "age_days": 210,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "api-key-scopes",
        "board": "integrations-api",
        "title": "Read-only API keys with limited scopes",
        "body": (
            "API keys currently have full admin access. For our BI export we only need read access "
            "to timesheets. Scoped keys (read/write per resource) would let our security team "
            "approve it."
        ),
        "tags": ["security", "permissions"],
        "author": "rahul.mehta@example.com",
        "status": "planned",
        "status_note": (
            "Planned: API keys with scopes per resource and read/write level, plus an expiry date."
        ),
        "dup_group": None,
        "age_days": 290,
        "popularity": 0.28,
        "comments": [],
    },
    {
        "key": "oauth-third-party-apps",
        "board": "integrations-api",
        "title": "OAuth for third-party apps",
        "body": (
            "We build an add-on for restaurants that uses Shiftly data. Asking our customers to "
            "paste admin API keys into our app isn't great. An OAuth flow where the customer "
            "approves access would be cleaner and safer."
        ),
        "tags": ["security"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 330,
        "popularity": 0.19,
        "comments": [],
    },
    {
        "key": "python-sdk",
        "board": "integrations-api",
        "title": "Official Python and JavaScript SDKs",
        "body": (
            "It would be nice to have official client libraries so we don't each write our own "
            "pagination and retry logic."
        ),
        "tags": [],
        "author": "yuki.tanaka@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 165,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "sandbox-account",
        "board": "integrations-api",
        "title": "Sandbox account for testing integrations",
        "body": (
            "We don't want to test our integration against our live account with real employees. A "
            "free sandbox with sample data that we can reset would make development much safer."
        ),
        "tags": [],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 240,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "zapier-integration",
        "board": "integrations-api",
        "title": "Zapier integration",
        "body": (
            "We're not developers, but we use Zapier for everything. Triggers like \"new time-off "
            'request approved" or "shift published" would let us connect Shiftly to Google Sheets, '
            "our HR tool and more without code."
        ),
        "tags": ["notifications"],
        "author": "hannah.cohen@example.com",
        "status": "under_review",
        "status_note": (
            "Under review. With webhooks in place, a Zapier app is a smaller step; we're checking "
            "which triggers and actions are most useful."
        ),
        "dup_group": None,
        "age_days": 470,
        "popularity": 0.46,
        "comments": [
            {"author": "anh.nguyen@example.com", "body": "Make.com too please!", "official": False},
            {
                "author": "kenji.watanabe@example.com",
                "body": (
                    "Tell us which triggers or actions you'd use first, it'll help us pick the "
                    "initial set."
                ),
                "official": True,
            },
            {
                "author": "hannah.cohen@example.com",
                "body": (
                    "Time off approved → add to Google Sheet, and new employee → create in our HR "
                    "tool."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "power-bi-connector",
        "board": "integrations-api",
        "title": "Power BI connector",
        "body": (
            "Our finance team builds all reports in Power BI. A connector (or at least an OData "
            "feed) for shifts, timesheets and labour cost would let them include Shiftly data "
            "without exports."
        ),
        "tags": ["reporting", "export"],
        "author": "rebecca.thompson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 300,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "google-sheets-live-export",
        "board": "integrations-api",
        "title": "Live export of timesheets to Google Sheets",
        "body": (
            "I do all my analysis in Google Sheets. A sheet that refreshes itself with last week's "
            "timesheets would save me downloading a CSV every Monday."
        ),
        "tags": ["export", "reporting"],
        "author": "sarah.kowalski@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 85,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "migration-from-other-tools",
        "board": "integrations-api",
        "title": "Import schedules and employees from When I Work / 7shifts",
        "body": (
            "We're switching from another scheduling tool and would like to bring over employees, "
            "positions, availability and the next 4 weeks of shifts. An importer for the common "
            "tools would make switching much less scary."
        ),
        "tags": ["scheduling"],
        "author": "diego.alvarez@example.com",
        "status": "under_review",
        "status_note": (
            "Reviewing which tools to support. Our onboarding team already helps with migrations "
            "from spreadsheets; a self-service importer would be the next step."
        ),
        "dup_group": None,
        "age_days": 190,
        "popularity": 0.18,
        "comments": [],
    },
    {
        "key": "door-access-integration",
        "board": "integrations-api",
        "title": "Let clock-in open the staff door",
        "body": (
            "Our warehouse uses a badge door system. It would be neat if staff could only badge in "
            "during (or shortly before) their scheduled shift, and if badging in counted as "
            "clocking in. Does anyone else need this?"
        ),
        "tags": ["security", "time-tracking"],
        "author": "jonas.becker@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 145,
        "popularity": 0.09,
        "comments": [],
    },
    {
        "key": "clock-events-webhooks",
        "board": "integrations-api",
        "title": "Add clock-in and clock-out events to the webhooks",
        "body": (
            "Webhooks cover shifts, timesheets and time off, but not individual punches. We'd like "
            "an event the moment someone clocks in or out, to update the on-site headcount display "
            "in our warehouse."
        ),
        "tags": ["time-tracking", "notifications"],
        "author": "chen.wei@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 80,
        "popularity": 0.13,
        "comments": [],
    },
    {
        "key": "sftp-payroll-drop",
        "board": "integrations-api",
        "title": "Deliver payroll export files to our SFTP server",
        "body": (
            "Our payroll bureau picks up files from an SFTP folder. If Shiftly could drop the "
            "approved export there automatically at the end of each pay period, nobody would need "
            "to download and upload it by hand."
        ),
        "tags": ["payroll", "export"],
        "author": "olga.petrova@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 160,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "lexware-lohn-export",
        "board": "integrations-api",
        "title": "Lexware lohn+gehalt export for small German businesses",
        "body": (
            "Not every small business in Germany has a tax advisor with DATEV. We do our own "
            "payroll in Lexware lohn+gehalt. An import file for Lexware would be great for small "
            "shops like ours."
        ),
        "tags": ["payroll", "export"],
        "author": "jonas.becker@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 70,
        "popularity": 0.06,
        "comments": [],
    },
    {
        "key": "belgian-social-secretariat",
        "board": "integrations-api",
        "title": "Export for Belgian social secretariats (SD Worx, Securex, Partena)",
        "body": (
            "In Belgium payroll goes through a social secretariat. Each one has its own import "
            "format for worked hours and absence codes. Supporting the big three would make "
            "Shiftly much easier to sell in Belgium."
        ),
        "tags": ["payroll", "export", "localization"],
        "author": "fatima.elamrani@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 235,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "silae-export-france",
        "board": "integrations-api",
        "title": "Export des heures vers Silae (paie France)",
        "body": (
            "Notre cabinet comptable fait la paie sur Silae. Un export des heures (heures "
            "normales, heures sup, majorations de nuit et dimanche, absences) au format Silae nous "
            "ferait gagner une demi-journée par mois.\n\n(Hours export for Silae, the payroll "
            "software most French accountants use.)"
        ),
        "tags": ["payroll", "export", "localization"],
        "author": "pierre.dubois@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 110,
        "popularity": 0.08,
        "comments": [],
    },
    {
        "key": "workday-integration",
        "board": "integrations-api",
        "title": "Workday HCM integration",
        "body": (
            "Our parent company runs Workday for HR. To roll Shiftly out to our 40 stores, "
            "employee data needs to come from Workday and approved time needs to go back to "
            "Workday Time Tracking."
        ),
        "tags": ["payroll"],
        "author": "rebecca.thompson@example.com",
        "status": "declined",
        "status_note": (
            "Not for now. A Workday integration needs a long certification and custom work for "
            "each customer's tenant, which doesn't fit our focus on small and mid-sized "
            "businesses. Our API and webhooks can support a custom integration built by your "
            "Workday partner."
        ),
        "dup_group": None,
        "age_days": 310,
        "popularity": 0.12,
        "comments": [
            {
                "author": "pm@example.com",
                "body": (
                    "Rebecca, happy to set up a call with your Workday partner to walk through our "
                    "API and webhooks. Several larger customers have built this kind of sync "
                    "themselves."
                ),
                "official": True,
            },
        ],
    },
    {
        "key": "indeed-job-posting",
        "board": "integrations-api",
        "title": "Post job openings to Indeed from Shiftly",
        "body": (
            "When we're short-staffed we hire. Since Shiftly knows we have lots of open shifts, it "
            "could help us post a job ad on Indeed and then bring new hires straight into the "
            "schedule."
        ),
        "tags": [],
        "author": "carlos.mendoza@example.com",
        "status": "declined",
        "status_note": (
            "We're not going to move into hiring. Applicant tracking is a separate product "
            "category with good dedicated tools. We'd rather make it easy to add new hires quickly "
            "(CSV import, SMS invites, HR sync)."
        ),
        "dup_group": None,
        "age_days": 455,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "open-shifts-calendar-feed",
        "board": "integrations-api",
        "title": "Include open shifts I'm eligible for in my calendar feed",
        "body": (
            "I love the calendar feed for my own shifts. An optional second feed with open shifts "
            "I could pick up would help me spot extra hours that fit around my classes."
        ),
        "tags": ["calendar", "shift-swap"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 180,
        "popularity": 0.14,
        "comments": [],
    },
    # --- web app: more
    {
        "key": "copy-single-day",
        "board": "web-app",
        "title": "Copy one day to another day",
        "body": (
            "Copy week is great, but I often want to copy only Saturday onto Sunday, or last "
            'Friday onto this Friday. Right-clicking a day header and choosing "copy to…" would be '
            "perfect."
        ),
        "tags": ["scheduling", "ux"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 250,
        "popularity": 0.28,
        "comments": [],
    },
    {
        "key": "time-off-in-grid",
        "board": "web-app",
        "title": "Show pending time-off requests in the scheduler grid",
        "body": (
            "Approved time off shows in the grid, but pending requests don't, so I sometimes "
            "schedule someone on a day they've asked for and then have to redo it when I approve. "
            "Show pending requests as a striped block so I can decide while scheduling."
        ),
        "tags": ["scheduling", "time-off"],
        "author": "hannah.cohen@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.24,
        "comments": [
            {
                "author": "emma.johansson@example.com",
                "body": "Yes, with approve/decline right from the grid would be even better.",
                "official": False,
            },
        ],
    },
    {
        "key": "employee-preferred-hours",
        "board": "web-app",
        "title": "Let employees set how many hours they want per week",
        "body": (
            "Some of my part-timers want 15 hours, some want 30. Availability only says when they "
            'can work, not how much. A "preferred hours per week" field the scheduler shows next '
            "to their total would help me give everyone what they want."
        ),
        "tags": ["scheduling"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 95,
        "popularity": 0.21,
        "comments": [],
    },
    {
        "key": "seniority-shift-bidding",
        "board": "web-app",
        "title": "Shift bidding by seniority",
        "body": (
            "Our nurses' agreement says holiday shifts are picked in order of seniority. A bidding "
            "round where the most senior person picks first, then the next, with a time limit "
            "each, would replace our paper process."
        ),
        "tags": ["scheduling", "compliance"],
        "author": "aisha.bello@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 290,
        "popularity": 0.16,
        "comments": [],
    },
    {
        "key": "schedule-acknowledgement",
        "board": "web-app",
        "title": "See who has viewed the new schedule",
        "body": (
            'People claim they "never saw" a change. A little indicator showing who has opened '
            "the schedule since it was published (and who hasn't) would settle that, and I could "
            "nudge the ones who haven't."
        ),
        "tags": ["scheduling", "notifications"],
        "author": "sean.murphy@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 205,
        "popularity": 0.26,
        "comments": [],
    },
    {
        "key": "uk-holiday-accrual-casuals",
        "board": "web-app",
        "title": "UK holiday accrual for casual workers (12.07%)",
        "body": (
            "UK rules now let us accrue holiday for irregular-hours workers at 12.07% of hours "
            'worked. Shiftly\'s accrual can do "per hour worked" but our percentage gives strange '
            "rounding. Could you add a percentage-based accrual option?"
        ),
        "tags": ["time-off", "compliance"],
        "author": "emma.johansson@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 100,
        "popularity": 0.13,
        "comments": [],
    },
    {
        "key": "canada-stat-holiday-pay",
        "board": "web-app",
        "title": "Calculate Canadian statutory holiday pay",
        "body": (
            "In Ontario, stat holiday pay depends on the average of wages earned over the previous "
            "4 weeks. We calculate it by hand for 60 people every holiday. Shiftly has the data to "
            "work it out."
        ),
        "tags": ["payroll", "compliance"],
        "author": "marcus.brown@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 125,
        "popularity": 0.11,
        "comments": [],
    },
    {
        "key": "volunteer-scheduling",
        "board": "web-app",
        "title": "Schedule volunteers alongside paid staff",
        "body": (
            "We're a food bank with 12 staff and 150 volunteers. We'd like to schedule volunteers "
            "in Shiftly too, but they shouldn't count towards labour cost and shouldn't cost us a "
            "paid seat."
        ),
        "tags": ["scheduling"],
        "author": "grace.mwangi@example.com",
        "status": "under_review",
        "status_note": (
            "We're looking at a volunteer employee type that excludes people from labour cost and "
            "payroll exports. Pricing for volunteers is being discussed separately."
        ),
        "dup_group": None,
        "age_days": 365,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "agency-workers-no-app",
        "board": "web-app",
        "title": "Schedule agency temps who don't have a Shiftly login",
        "body": (
            "At peak season we have 30-50 agency temps. They change weekly and will never install "
            "our app. I need to put them on the schedule (name and agency only) so I see real "
            "coverage, and send the agency their hours at the end of the week."
        ),
        "tags": ["scheduling", "reporting"],
        "author": "chen.wei@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 170,
        "popularity": 0.23,
        "comments": [],
    },
    {
        "key": "wage-change-effective-date",
        "board": "web-app",
        "title": "Schedule a wage increase from a future date",
        "body": (
            "When minimum wage goes up on 1 January, I want to enter the new rates in December "
            "with an effective date. Right now changing a rate also changes the cost of past "
            "shifts in reports."
        ),
        "tags": ["payroll", "reporting"],
        "author": "olga.petrova@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 60,
        "popularity": 0.19,
        "comments": [],
    },
    {
        "key": "applicant-tracking",
        "board": "web-app",
        "title": "Basic hiring: collect applications and move them to onboarding",
        "body": (
            "We hire 5-10 people a month per restaurant. A simple job page, list of applicants and "
            "a button to turn a hire into a Shiftly employee would replace the mess of emails we "
            "have now."
        ),
        "tags": [],
        "author": "maria.gonzalez@example.com",
        "status": "declined",
        "status_note": (
            "We won't be building applicant tracking. It's a separate problem with good dedicated "
            "tools, and we'd rather put our effort into scheduling and time tracking. We are "
            "making it faster to add new hires (SMS invites, CSV import and HR system sync)."
        ),
        "dup_group": None,
        "age_days": 520,
        "popularity": 0.21,
        "comments": [],
    },
    {
        "key": "performance-notes",
        "board": "web-app",
        "title": "Private manager notes and ratings on employees",
        "body": (
            "I'd like to keep notes on employees (great with customers, late twice this month) and "
            "give them a 1-5 rating, visible only to managers, so the scheduler can favour my best "
            "people on busy nights."
        ),
        "tags": ["scheduling"],
        "author": "carlos.mendoza@example.com",
        "status": "declined",
        "status_note": (
            "We've decided not to add ratings. Automatic favouring based on manager ratings raises "
            "fairness and data protection issues, and several customers told us they'd have to "
            "disable it. Skills, positions and availability remain the basis for scheduling "
            "suggestions."
        ),
        "dup_group": None,
        "age_days": 400,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "timesheet-notes",
        "board": "web-app",
        "title": "Let employees add a note to their timesheet entry",
        "body": (
            "When someone stays late because a delivery was delayed, they tell me in person and I "
            'forget by payroll day. A note field on the clock-out ("stayed for the late delivery") '
            "would explain overtime right where I approve it."
        ),
        "tags": ["time-tracking"],
        "author": "kwame.asante@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 140,
        "popularity": 0.18,
        "comments": [],
    },
    # --- mobile apps: more
    {
        "key": "clock-in-reminder-late",
        "board": "mobile-apps",
        "title": "Remind me if I forgot to clock in",
        "body": (
            "I often start working straight away and forget to clock in. A push if I haven't "
            'clocked in 5 minutes after my shift started ("Are you at work? Tap to clock in") '
            "would save me fixing my timesheet later."
        ),
        "tags": ["notifications", "time-tracking"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 115,
        "popularity": 0.24,
        "comments": [],
    },
    {
        "key": "live-attendance-manager",
        "board": "mobile-apps",
        "title": "Who's in right now: live attendance for managers",
        "body": (
            "When I'm out of the store I'd like to open the app and see who is clocked in, who is "
            "on break and who is late, without calling the store."
        ),
        "tags": ["time-tracking"],
        "author": "liam.obrien@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 130,
        "popularity": 0.3,
        "comments": [],
    },
    {
        "key": "recurring-time-off-request",
        "board": "mobile-apps",
        "title": "Request the same day off every week for a period",
        "body": (
            "I have physiotherapy every Wednesday morning for 8 weeks. Please let me request "
            '"every Wednesday until 31 May" in one request instead of 8 separate ones.'
        ),
        "tags": ["time-off"],
        "author": "isabela.costa@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 35,
        "popularity": 0.09,
        "comments": [],
    },
    {
        "key": "break-timer",
        "board": "mobile-apps",
        "title": "Countdown timer during my break",
        "body": (
            "When I start a 30-minute break, show a countdown and buzz 2 minutes before it ends. "
            "Simple, but I always go over by a few minutes without noticing."
        ),
        "tags": ["time-tracking", "notifications"],
        "author": "lucia.romero@example.net",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 90,
        "popularity": 0.15,
        "comments": [],
    },
    {
        "key": "cancel-approved-time-off",
        "board": "mobile-apps",
        "title": "Cancel an approved time-off request from the app",
        "body": (
            "My trip was cancelled and I wanted to work those days after all, but there's no way "
            'to withdraw an approved request. I had to ask my manager to delete it. A "cancel '
            'request" button (that the manager is notified about) would be nice.'
        ),
        "tags": ["time-off"],
        "author": "grace.mwangi@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 80,
        "popularity": 0.14,
        "comments": [],
    },
    {
        "key": "one-tap-clock-in",
        "board": "mobile-apps",
        "title": "Clock in straight from the app's home screen",
        "body": (
            "Clocking in takes 3 taps and a confirmation dialog. When my shift is about to start, "
            'the big button on the home screen should just be "Clock in".'
        ),
        "tags": ["time-tracking", "ux"],
        "author": "noah.williams@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 50,
        "popularity": 0.17,
        "comments": [],
    },
    {
        "key": "kiosk-today-schedule",
        "board": "mobile-apps",
        "title": "Show today's schedule on the kiosk screen",
        "body": (
            "The clock-in tablet sits idle most of the day. When no one is clocking in, it could "
            "show today's schedule and who's on break, like a small staff-room dashboard."
        ),
        "tags": ["scheduling"],
        "author": "lukas.schmidt@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 225,
        "popularity": 0.12,
        "comments": [],
    },
    {
        "key": "share-shift-with-family",
        "board": "mobile-apps",
        "title": "Share my shift with family via a link",
        "body": (
            "My wife always asks when I'm finishing. A share button on a shift (\"Kwame works Tue "
            '22:00–06:00") to send by WhatsApp or iMessage would be handy.'
        ),
        "tags": ["calendar"],
        "author": "kwame.asante@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 25,
        "popularity": 0.05,
        "comments": [],
    },
    {
        "key": "android-quick-action-clock",
        "board": "mobile-apps",
        "title": "Long-press the app icon to clock in (Android shortcut)",
        "body": (
            'Android lets apps add shortcuts when you long-press the icon. "Clock in", "Start '
            'break" and "My schedule" there would be fast.'
        ),
        "tags": ["time-tracking", "ux"],
        "author": "tunde.adeyemi@example.org",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 160,
        "popularity": 0.07,
        "comments": [],
    },
    {
        "key": "manager-edit-schedule-mobile",
        "board": "mobile-apps",
        "title": "Managers: edit shifts from the phone",
        "body": (
            "When someone calls in sick at 7am I'm not at my laptop. I can see the schedule in the "
            "app but can't move a shift or assign a replacement. Basic editing (assign, move, "
            "delete) for managers on mobile is a must."
        ),
        "tags": ["scheduling"],
        "author": "maria.gonzalez@example.com",
        "status": "under_review",
        "status_note": (
            "We're designing a mobile editing mode for managers, focused on same-day changes: "
            "reassign, move, mark as open shift and delete."
        ),
        "dup_group": None,
        "age_days": 345,
        "popularity": 0.5,
        "comments": [
            {
                "author": "diego.alvarez@example.com",
                "body": "This is my biggest frustration with the app today.",
                "official": False,
            },
            {
                "author": "priya.raman@example.com",
                "body": "We hear you. We'll post designs here in the coming weeks for feedback.",
                "official": True,
            },
        ],
    },
    {
        "key": "whats-new-in-app",
        "board": "web-app",
        "title": 'A "What\'s new" panel inside Shiftly',
        "body": (
            "Posting this on behalf of several customers we talked to at the spring user meetup: "
            "people miss new features because release notes only go out by email. A small \"What's "
            'new" panel in the web app (and a badge when something relevant to your role shipped) '
            "would help everyone find improvements they voted for."
        ),
        "tags": ["ux", "notifications"],
        "author": "cm@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 55,
        "popularity": 0.22,
        "comments": [
            {
                "author": "emma.johansson@example.com",
                "body": "Yes! I only found out about Copy week from a friend.",
                "official": False,
            },
        ],
    },
    {
        "key": "timesheet-history-employee",
        "board": "mobile-apps",
        "title": "Let employees see their own timesheet history",
        "body": (
            "Collected from support tickets: employees regularly ask their managers for a record "
            "of the hours they worked (for rent applications, benefits, or to check their "
            "payslip). Employees can only see the current pay period in the app today. Showing the "
            "last 12 months of their own approved timesheets, with a PDF download, would answer "
            "most of these requests without involving a manager."
        ),
        "tags": ["time-tracking", "export"],
        "author": "kenji.watanabe@example.com",
        "status": "planned",
        "status_note": (
            "Planned: a Timesheet history screen for employees with the last 12 months of approved "
            "hours and a PDF export."
        ),
        "dup_group": None,
        "age_days": 170,
        "popularity": 0.35,
        "comments": [
            {
                "author": "noah.williams@example.com",
                "body": "I needed exactly this for my apartment application last month.",
                "official": False,
            },
            {
                "author": "olga.petrova@example.net",
                "body": "This would save our payroll team a dozen emails a month.",
                "official": False,
            },
        ],
    },
    # --- internal (staff only)
    {
        "key": "support-view-as-employee",
        "board": "internal",
        "title": "Let support see the app as a specific employee",
        "body": (
            "About 20% of our tickets are \"my employee says they can't see X\". Support can't "
            'reproduce without screen-sharing. A read-only "view as" for support agents, which the '
            "customer admin can allow per ticket, would cut handling time a lot."
        ),
        "tags": ["permissions"],
        "author": "kenji.watanabe@example.com",
        "status": "under_review",
        "status_note": (
            "Security review in progress: read-only access, customer consent per session, full "
            "audit log and a banner visible to the agent."
        ),
        "dup_group": "support-view-as",
        "age_days": 240,
        "popularity": 0.3,
        "comments": [
            {
                "author": "admin@example.com",
                "body": (
                    "Fine with this as long as consent and audit logging are mandatory, not "
                    "optional."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "support-impersonation-audit",
        "board": "internal",
        "title": "Impersonation mode for support agents (with customer consent and audit log)",
        "body": (
            "Proposal from the support team: agents can open a customer's account as one of their "
            'users after the customer clicks "allow support access" in the ticket. Every action is '
            "logged and the session ends after 30 minutes."
        ),
        "tags": ["security", "permissions"],
        "author": "cm@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "support-view-as",
        "age_days": 90,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "localisation-vendor",
        "board": "internal",
        "title": "Pick a translation vendor for Spanish and Portuguese",
        "body": (
            "Spanish is the top localisation request from restaurant customers in the US and "
            "Spain, and Portuguese from Brazil. We need a vendor (or a community translation "
            "setup) and a process for translating new strings every release, before we commit to "
            "more languages."
        ),
        "tags": ["localization"],
        "author": "tomas.novak@example.com",
        "status": "in_progress",
        "status_note": (
            "Vendor chosen for Spanish; Portuguese quote pending. String freeze process agreed "
            "with engineering."
        ),
        "dup_group": "spanish-ui",
        "age_days": 300,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "arr-on-ideas",
        "board": "internal",
        "title": "Show the combined revenue of accounts that voted on an idea",
        "body": (
            "When prioritising, PMs look up each voter's account in the billing system by hand. "
            "Showing the total annual revenue of voting accounts (internal only) on each idea "
            "would make triage faster and more consistent."
        ),
        "tags": ["reporting"],
        "author": "priya.raman@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 60,
        "popularity": 0.25,
        "comments": [
            {
                "author": "pm@example.com",
                "body": (
                    "Useful, but let's show it next to vote count, not instead of it. Small "
                    "customers are most of our base."
                ),
                "official": False,
            },
        ],
    },
    {
        "key": "integration-status-page",
        "board": "internal",
        "title": "Status page entries for integration sync failures",
        "body": (
            "When Gusto or Square have an outage, our syncs fail and support gets dozens of "
            "tickets before anyone posts an incident. Integration health should be monitored and "
            "shown as components on the public status page."
        ),
        "tags": ["notifications"],
        "author": "bram.devries@example.com",
        "status": "planned",
        "status_note": (
            "Planned for next quarter: per-integration health checks, with automatic status page "
            "components for Gusto, Square and Google Calendar."
        ),
        "dup_group": None,
        "age_days": 150,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "password-reset-tickets",
        "board": "internal",
        "title": "Password resets are our #1 support ticket category",
        "body": (
            "Last quarter 18% of all tickets were hourly employees locked out of their accounts. "
            "Passwordless login (email or SMS code) for employees would probably remove most of "
            "them. Linking the public idea about login codes."
        ),
        "tags": ["security", "ux"],
        "author": "kenji.watanabe@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": "passwordless-login",
        "age_days": 40,
        "popularity": 0.2,
        "comments": [],
    },
    {
        "key": "churn-toast-feedback",
        "board": "internal",
        "title": "Churn interviews: missing Toast integration cited by lost restaurant accounts",
        "body": (
            "In Q3 churn interviews, 4 of the 11 restaurant accounts we lost said the lack of a "
            "Toast integration was the main reason they moved to a competitor. Worth weighing next "
            "to the public votes on the Toast idea."
        ),
        "tags": ["reporting"],
        "author": "admin@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 25,
        "popularity": 0.1,
        "comments": [],
    },
    {
        "key": "sales-monthly-digest",
        "board": "internal",
        "title": "Monthly digest of shipped ideas for the sales and CS teams",
        "body": (
            "Account managers keep finding out about shipped features from customers. A monthly "
            "internal email listing ideas that moved to shipped, with the accounts that voted for "
            "them, would let them follow up."
        ),
        "tags": ["notifications"],
        "author": "ana.ferreira@example.com",
        "status": "new",
        "status_note": None,
        "dup_group": None,
        "age_days": 15,
        "popularity": 0.1,
        "comments": [],
    },
]
