"""Write a Plan as a LinkedIn "Basic" export zip, byte for byte in the real files' shapes.

FORMATS.md §1–2 is the authority for every header, date shape and quoting rule used here.
Zip entries carry a fixed timestamp derived from the export date, so one seed gives one set of
bytes. messages.csv is streamed through ``ZipFile.open(..., "w")`` in chunks and never held whole.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from urllib.parse import unquote

from netscan.sample.plan import Person, Plan, thread_messages

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

# byte-identical in every real export from 2021 to 2026 (FORMATS §2.1)
CONNECTIONS_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                      "Connected On")
MESSAGES_HEADER = ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                   "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
                   "ATTACHMENTS")
INVITATIONS_HEADER = ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                      "inviteeProfileUrl")
ENDORSED_BY_HEADER = ("Endorsement Date", "Skill Name", "Endorser First Name",
                      "Endorser Last Name", "Endorser Public Url", "Endorsement Status")
ENDORSED_HEADER = ("Endorsement Date", "Skill Name", "Endorsee First Name", "Endorsee Last Name",
                   "Endorsee Public Url", "Endorsement Status")
RECOMMENDATIONS_HEADER = ("First Name", "Last Name", "Company", "Job Title", "Text",
                          "Creation Date", "Status")
PROFILE_HEADER = ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline",
                  "Summary", "Industry", "Zip Code", "Geo Location", "Twitter Handles",
                  "Websites", "Instant Messengers")
POSITIONS_HEADER = ("Company Name", "Title", "Description", "Location", "Started On",
                    "Finished On")
EDUCATION_HEADER = ("School Name", "Start Date", "End Date", "Notes", "Degree Name", "Activities")
TRUTH_HEADER = ("profile_url", "full_name", "level", "in_network", "company", "tags")

_CHUNK_ROWS = 5_000


# -- date shapes (English locale, built by hand so no locale setting can change them) ------------

def connected_on(day: date) -> str:
    """``09 Sep 2022``."""
    return f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}"


def _clock(at: datetime) -> tuple[int, str]:
    hour = at.hour % 12 or 12
    return hour, "AM" if at.hour < 12 else "PM"


def invitation_date(at: datetime) -> str:
    """``3/7/26, 1:07 PM``: no zero padding, plain space before AM/PM."""
    hour, half = _clock(at)
    return f"{at.month}/{at.day}/{at.year % 100:02d}, {hour}:{at.minute:02d} {half}"


def recommendation_date(at: datetime) -> str:
    """``04/15/24, 09:25 PM``: zero-padded."""
    hour, half = _clock(at)
    return f"{at.month:02d}/{at.day:02d}/{at.year % 100:02d}, {hour:02d}:{at.minute:02d} {half}"


def endorsement_date(at: datetime) -> str:
    """``2020/06/09 00:53:47 UTC``."""
    return f"{at:%Y/%m/%d %H:%M:%S} UTC"


def month_year(day: date) -> str:
    """``Jun 2018``."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def follow_date(at: datetime) -> str:
    """``Tue Aug 30 14:33:11 UTC 2022`` (Java Date.toString)."""
    return (f"{DAYS[at.weekday()]} {MONTHS[at.month - 1]} {at.day:02d} "
            f"{at:%H:%M:%S} UTC {at.year}")


def normalise_url(url: str) -> str:
    """The person key netscan uses: unquoted, lowercase, no trailing slash (FORMATS §0.7)."""
    return unquote(url).strip().lower().rstrip("/")


# -- CSV text -------------------------------------------------------------------------------------

def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, quote_all: bool = False,
             trailing_newline: bool = True) -> str:
    """Rows as LinkedIn writes them: LF, minimal quoting unless `quote_all`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    text = buffer.getvalue()
    return text if trailing_newline else text.removesuffix("\n")


def connections_csv(plan: Plan) -> str:
    """Connections.csv: preamble, newest first, hidden members blank, no trailing newline."""
    keyed: list[tuple[date, int, Sequence[str]]] = []
    for person in plan.people:
        if person.connected_on is None:
            continue
        keyed.append((person.connected_on, person.index,
                      (person.first, person.last, person.encoded_url, person.email,
                       person.company, person.position, connected_on(person.connected_on))))
    for i, day in enumerate(plan.hidden_dates):
        keyed.append((day, -1 - i, ("", "", "", "", "", "", connected_on(day))))
    keyed.sort(key=lambda item: (item[0], item[1]), reverse=True)
    body = csv_text(CONNECTIONS_HEADER, (row for _, _, row in keyed), trailing_newline=False)
    return CONNECTIONS_PREAMBLE + body


def invitations_csv(plan: Plan) -> str:
    """Invitations.csv: both directions, accepted and pending, newest first."""
    owner, owner_url = plan.owner_name, plan.owner_url
    rows = []
    for inv in sorted(plan.invitations, key=lambda i: (i.at, i.person), reverse=True):
        p = plan.people[inv.person]
        if inv.incoming:
            row = (p.name, owner, invitation_date(inv.at), inv.note, "INCOMING", p.url, owner_url)
        else:
            row = (owner, p.name, invitation_date(inv.at), inv.note, "OUTGOING", owner_url, p.url)
        rows.append(row)
    return csv_text(INVITATIONS_HEADER, rows)


def _bare(person: Person) -> str:
    return person.url.removeprefix("https://")


def endorsements_csv(plan: Plan, *, received: bool) -> str:
    """Endorsement_Received_Info.csv / Endorsement_Given_Info.csv (URLs without a scheme)."""
    rows = []
    for e in sorted(plan.endorsements, key=lambda e: (e.at, e.person), reverse=True):
        if e.received != received:
            continue
        p = plan.people[e.person]
        rows.append((endorsement_date(e.at), e.skill, p.first.strip(), p.last.strip(), _bare(p),
                     "ACCEPTED"))
    return csv_text(ENDORSED_BY_HEADER if received else ENDORSED_HEADER, rows)


def recommendations_csv(plan: Plan, *, received: bool) -> str:
    """Recommendations_Received.csv (Status VISIBLE) / _Given.csv (Status empty)."""
    rows = []
    for r in sorted(plan.recommendations, key=lambda r: (r.at, r.person), reverse=True):
        if r.received != received:
            continue
        p = plan.people[r.person]
        rows.append((p.first.strip(), p.last.strip(), p.company.strip(), p.position.strip(),
                     r.text, recommendation_date(r.at), "VISIBLE" if received else ""))
    return csv_text(RECOMMENDATIONS_HEADER, rows)


def profile_files(plan: Plan) -> dict[str, str]:
    """Profile.csv, Positions.csv, Education.csv and the owner-only files netscan ignores."""
    persona = plan.persona
    first_job = persona.jobs[-1].started
    profile = csv_text(PROFILE_HEADER, [(
        persona.first_name, persona.last_name, "", "", "Mar 14", persona.headline,
        f"{persona.summary.split(':')[0]}.", "Technology, Information and Internet", "",
        "Utrecht, Utrecht, Netherlands", "", f"[PERSONAL:https://www.example.com/{persona.slug}]",
        "")])
    positions = csv_text(POSITIONS_HEADER, [
        (job.company, job.title, "", "Utrecht, Netherlands", month_year(job.started),
         month_year(job.finished) if job.finished else "")
        for job in persona.jobs])
    education = csv_text(EDUCATION_HEADER, [
        ("Universiteit van de Lage Venen", str(first_job.year - 4), str(first_job.year), "",
         "Master of Science", ""),
        ("Hogeschool Rijnmond-Oost", str(first_job.year - 8), str(first_job.year - 4), "",
         "Bachelor", "Studievereniging"),
    ])
    skills = csv_text(("Name",), [("Project Management",), ("Data Analysis",),
                                  ("Stakeholder Management",), ("SQL",)])
    base = datetime(plan.export_date.year - 2, 8, 30, 14, 33, 11)
    follows = csv_text(("Organization", "Followed On"), [
        (persona.jobs[0].company, follow_date(base)),
        ("Polderwind Energie", follow_date(base.replace(year=base.year - 1, month=3))),
    ])
    reactions = csv_text(("Date", "Type", "Link"), [
        (f"{base.replace(month=m):%Y-%m-%d %H:%M:%S}", kind,
         f"https://www.linkedin.com/feed/update/urn:li:activity:{7_100_000_000_000_000_000 + m}")
        for m, kind in ((1, "LIKE"), (4, "PRAISE"), (6, "EMPATHY"), (9, "INTEREST"))])
    return {
        "Profile.csv": profile,
        "Positions.csv": positions,
        "Education.csv": education,
        "Skills.csv": skills,
        "Company Follows.csv": follows,
        "Reactions.csv": reactions,
        "guide_messages.csv": csv_text(MESSAGES_HEADER, []),
    }


def iter_message_chunks(plan: Plan) -> Iterable[tuple[str, int]]:
    """messages.csv text in chunks of whole rows, with the row count of each chunk."""
    quote_all = plan.persona.quote_all
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(MESSAGES_HEADER)
    pending = 0
    for thread in plan.threads:
        writer.writerows(thread_messages(plan, thread))
        pending += thread.count
        if pending >= _CHUNK_ROWS:
            yield buffer.getvalue(), pending
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    yield buffer.getvalue(), pending


def truth_csv(plan: Plan) -> str:
    """The planted truth: one row per real counterpart (spam senders excluded), by URL."""
    rows = []
    for p in plan.people:
        if p.level not in ("strong", "medium", "weak", "dormant", "latent"):
            continue
        rows.append((normalise_url(p.url), p.name, p.level,
                     "true" if p.connected_on is not None else "false", p.company.strip(),
                     ";".join(sorted(set(p.tags)))))
    rows.sort()
    return csv_text(TRUTH_HEADER, rows)


def _entry(name: str, export_date: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(export_date.year, export_date.month,
                                            export_date.day, 9, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    return info


def write_zip(plan: Plan, out: Path) -> int:
    """Write the export zip; return how many message rows were written."""
    small = {
        "Connections.csv": connections_csv(plan),
        "Invitations.csv": invitations_csv(plan),
        "Endorsement_Received_Info.csv": endorsements_csv(plan, received=True),
        "Endorsement_Given_Info.csv": endorsements_csv(plan, received=False),
        "Recommendations_Received.csv": recommendations_csv(plan, received=True),
        "Recommendations_Given.csv": recommendations_csv(plan, received=False),
        **profile_files(plan),
    }
    written = 0
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in ("Connections.csv", "Invitations.csv"):
            archive.writestr(_entry(name, plan.export_date), small.pop(name).encode("utf-8"))
        with archive.open(_entry("messages.csv", plan.export_date), "w",
                          force_zip64=True) as stream:
            for text, rows in iter_message_chunks(plan):
                stream.write(text.encode("utf-8"))
                written += rows
        for name in sorted(small):
            archive.writestr(_entry(name, plan.export_date), small[name].encode("utf-8"))
    return written
