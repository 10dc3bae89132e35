"""`netscan sample`: synthetic exports match FORMATS.md file by file and parse cleanly."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote

import pytest
from click.testing import CliRunner

from netscan.cli import cli
from netscan.sample import SampleResult, build_plan, write_sample
from netscan.sample.writer import CONNECTIONS_PREAMBLE, MESSAGES_HEADER

EXPORT_DATE = date(2026, 11, 2)
PREAMBLE = (
    b'Notes:\n"When exporting your connection data, you may notice that some of the email '
    b"addresses are missing. You will only see email addresses for connections who have allowed "
    b"their connections to see or download their email address using this setting "
    b"https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    b'https://www.linkedin.com/help/linkedin/answer/261"\n\n'
)
EXPECTED_FILES = {
    "Connections.csv", "messages.csv", "Invitations.csv", "Endorsement_Received_Info.csv",
    "Endorsement_Given_Info.csv", "Recommendations_Received.csv", "Recommendations_Given.csv",
    "Profile.csv", "Positions.csv", "Education.csv", "Skills.csv", "Company Follows.csv",
    "Reactions.csv", "guide_messages.csv",
}


class Sample:
    """A generated zip with its result and decoded members."""

    def __init__(self, result: SampleResult) -> None:
        self.result = result
        with zipfile.ZipFile(result.path) as archive:
            self.infos = archive.infolist()
            self.raw = {info.filename: archive.read(info) for info in self.infos}

    def text(self, name: str) -> str:
        return self.raw[name].decode("utf-8")

    def rows(self, name: str) -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.text(name), newline="")))

    def connection_rows(self) -> list[list[str]]:
        text = self.text("Connections.csv").removeprefix(CONNECTIONS_PREAMBLE)
        return list(csv.reader(io.StringIO(text, newline="")))[1:]

    def message_rows(self) -> list[list[str]]:
        return self.rows("messages.csv")[1:]


@pytest.fixture(scope="module")
def bridger(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    out = tmp_path_factory.mktemp("bridger") / "bridger.zip"
    return Sample(write_sample(out, persona="bridger", seed=11))


@pytest.fixture(scope="module")
def switcher(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    out = tmp_path_factory.mktemp("switcher") / "switcher.zip"
    return Sample(write_sample(out, persona="switcher", seed=11, connections=500,
                               messages=3000))


def test_same_seed_same_bytes_and_different_seed_differs(tmp_path: Path) -> None:
    first = write_sample(tmp_path / "a.zip", persona="newcomer", seed=3, truth=tmp_path / "a.csv")
    again = write_sample(tmp_path / "b.zip", persona="newcomer", seed=3, truth=tmp_path / "b.csv")
    other = write_sample(tmp_path / "c.zip", persona="newcomer", seed=4)
    assert first.path.read_bytes() == again.path.read_bytes()
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()
    assert first.path.read_bytes() != other.path.read_bytes()


def test_zip_layout_and_fixed_timestamps(bridger: Sample) -> None:
    assert {info.filename for info in bridger.infos} == EXPECTED_FILES
    for info in bridger.infos:
        assert "/" not in info.filename
        assert info.date_time == (2026, 11, 2, 9, 0, 0)
        assert info.compress_type == zipfile.ZIP_DEFLATED


def test_sizes_follow_the_arguments(switcher: Sample) -> None:
    result = switcher.result
    assert result.connections + result.hidden_members == 500
    assert result.messages == 3000
    assert len(switcher.message_rows()) == 3000
    assert len(switcher.connection_rows()) == 500


# -- Connections.csv ---------------------------------------------------------------------------

def test_connections_preamble_header_and_no_trailing_newline(bridger: Sample) -> None:
    raw = bridger.raw["Connections.csv"]
    assert raw.startswith(PREAMBLE)
    assert raw[len(PREAMBLE):].split(b"\n", 1)[0] == (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On")
    assert not raw.endswith(b"\n")
    assert b"\r" not in raw
    assert not raw.startswith(b"\xef\xbb\xbf")


def test_connections_rows(bridger: Sample) -> None:
    rows = bridger.connection_rows()
    result = bridger.result
    assert len(rows) == result.connections + result.hidden_members
    assert all(len(row) == 7 for row in rows)
    assert all(re.fullmatch(r"\d{2} [A-Z][a-z]{2} \d{4}", row[6]) for row in rows)
    days = [datetime.strptime(row[6], "%d %b %Y").date() for row in rows]
    assert days == sorted(days, reverse=True)  # newest first
    assert days[0] <= EXPORT_DATE
    hidden = [row for row in rows if not any(row[:6])]
    assert len(hidden) == result.hidden_members > 0
    people = [row for row in rows if any(row[:6])]
    emails = sum(1 for row in people if row[3])
    assert 0.005 * len(people) <= emails <= 0.04 * len(people)
    assert any(", " in row[1] for row in people)  # credential commas
    assert any(re.search(r"[\U0001F300-\U0001FAFF\u2600-\u27BF]", row[0] + row[1])
               for row in people)
    assert any(cell != cell.strip() for row in people for cell in row[:2])
    owner = "https://www.linkedin.com/in/jeroen-kuipers-adviseur"
    assert all(row[2] != owner for row in people)


def test_connections_quoting_is_minimal(bridger: Sample) -> None:
    text = bridger.text("Connections.csv").removeprefix(CONNECTIONS_PREAMBLE)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(
        csv.reader(io.StringIO(text, newline="")))
    assert buffer.getvalue().removesuffix("\n") == text
    assert '"' in text  # and some cells do need quotes (credential commas)


def test_connection_urls_percent_encoded_message_urls_raw(bridger: Sample) -> None:
    urls = [row[2] for row in bridger.connection_rows() if row[2]]
    encoded = [u for u in urls if "%" in u]
    assert encoded
    assert all(u.isascii() for u in urls)
    assert all(not unquote(u).isascii() for u in encoded)
    message_urls = {u for row in bridger.message_rows() for u in (row[3], *row[5].split(","))
                    if u}
    assert all("%" not in u for u in message_urls)
    assert {unquote(u) for u in encoded} & message_urls  # the same people, written both ways


# -- messages.csv ------------------------------------------------------------------------------

def test_messages_fully_quoted_with_real_newlines(bridger: Sample) -> None:
    text = bridger.text("messages.csv")
    assert text.split("\n", 1)[0] == ",".join(f'"{h}"' for h in MESSAGES_HEADER)
    rows = bridger.rows("messages.csv")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    assert buffer.getvalue() == text
    assert any("\n" in row[8] for row in rows[1:])
    assert '""' in text  # empty cells are written as ""


def test_messages_minimal_quoting_without_newlines(switcher: Sample) -> None:
    text = switcher.text("messages.csv")
    assert text.split("\n", 1)[0] == ",".join(MESSAGES_HEADER)
    rows = switcher.rows("messages.csv")
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    assert buffer.getvalue() == text
    assert not any("\n" in row[8] for row in rows[1:])


def test_message_cells(bridger: Sample) -> None:
    rows = bridger.message_rows()
    assert all(len(row) == 11 for row in rows)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", row[6]) for row in rows)
    assert all(re.fullmatch(r"2-[A-Za-z0-9+/]{54}==", row[0]) for row in rows)
    assert {row[9] for row in rows} <= {"INBOX", "ARCHIVE", "SPAM"}
    assert any("&amp;" in row[8] or "&nbsp;" in row[8] or "&rsquo;" in row[8] for row in rows)
    owner = "https://www.linkedin.com/in/jeroen-kuipers-adviseur"
    assert any(row[3] == owner for row in rows)
    assert any(row[10].startswith("https://www.linkedin.com/dms/") for row in rows)


def test_conversations_contiguous_newest_first_not_globally_ordered(bridger: Sample) -> None:
    rows = bridger.message_rows()
    seen: set[str] = set()
    newest: list[str] = []
    previous = None
    for row in rows:
        if row[0] != previous:
            assert row[0] not in seen, "a conversation's rows must be contiguous"
            seen.add(row[0])
            newest.append(row[6])
            previous = row[0]
            last = row[6]
        assert row[6] <= last
        last = row[6]
    assert newest != sorted(newest) and newest != sorted(newest, reverse=True)


def test_group_threads_have_titles_and_matching_recipients(bridger: Sample) -> None:
    groups = [row for row in bridger.message_rows() if row[5].count(",") >= 1]
    assert groups
    for row in groups:
        assert row[1]
        urls = row[5].split(",")
        assert row[4].count(",") >= len(urls) - 1  # TO joins names with "," and no space
        assert ", " not in row[5]


def test_noise_rows(bridger: Sample) -> None:
    rows = bridger.message_rows()
    result = bridger.result
    sponsored = [row for row in rows if row[1] == "Sponsored Conversation"]
    assert len(sponsored) == result.sponsored > 0
    for row in sponsored:
        assert row[3] == ""
        assert '<p class="spinmail-quill-editor__spin-break">' in row[8]
        assert "%FIRSTNAME%" in row[8]
    members = [row for row in rows if row[2] == "LinkedIn Member"]
    assert len(members) == result.linkedin_member > 0
    assert all(row[3] == "" for row in members)
    assert sum(row[9] == "SPAM" for row in rows) == result.spam > 0


# -- the other files ---------------------------------------------------------------------------

def test_invitations(bridger: Sample) -> None:
    raw = bridger.raw["Invitations.csv"]
    assert raw.endswith(b"\n")
    rows = bridger.rows("Invitations.csv")
    assert rows[0] == ["From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl",
                       "inviteeProfileUrl"]
    body = rows[1:]
    assert len(body) == bridger.result.invitations
    assert all(re.fullmatch(r"[1-9]\d?/[1-9]\d?/\d{2}, [1-9]\d?:\d{2} (AM|PM)", r[2])
               for r in body)
    assert {r[4] for r in body} == {"INCOMING", "OUTGOING"}
    assert 0 < sum(1 for r in body if r[3]) < len(body) / 8  # notes are rare
    sent = [datetime.strptime(r[2], "%m/%d/%y, %I:%M %p").date() for r in body]
    assert EXPORT_DATE - timedelta(days=300) <= min(sent) and max(sent) <= EXPORT_DATE
    connected = {unquote(r[2]) for r in bridger.connection_rows() if r[2]}
    counterpart = [r[5] if r[4] == "INCOMING" else r[6] for r in body]
    assert any(u in connected for u in counterpart)  # accepted
    assert any(u not in connected for u in counterpart)  # pending


def test_endorsements_and_recommendations(bridger: Sample) -> None:
    received = bridger.rows("Endorsement_Received_Info.csv")
    given = bridger.rows("Endorsement_Given_Info.csv")
    assert received[0] == ["Endorsement Date", "Skill Name", "Endorser First Name",
                           "Endorser Last Name", "Endorser Public Url", "Endorsement Status"]
    assert given[0][2:5] == ["Endorsee First Name", "Endorsee Last Name", "Endorsee Public Url"]
    for row in received[1:] + given[1:]:
        assert re.fullmatch(r"\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} UTC", row[0])
        assert row[4].startswith("www.linkedin.com/in/")
        assert row[5] == "ACCEPTED"
    assert len(received) - 1 == bridger.result.endorsements_received > 0
    recs = bridger.rows("Recommendations_Received.csv")
    assert recs[0] == ["First Name", "Last Name", "Company", "Job Title", "Text",
                       "Creation Date", "Status"]
    assert len(recs) - 1 == bridger.result.recommendations_received > 0
    for row in recs[1:]:
        assert re.fullmatch(r"\d{2}/\d{2}/\d{2}, \d{2}:\d{2} (AM|PM)", row[5])
        assert row[6] == "VISIBLE"
    assert all(row[6] == "" for row in bridger.rows("Recommendations_Given.csv")[1:])


def test_owner_files(switcher: Sample) -> None:
    profile = switcher.rows("Profile.csv")
    assert profile[0] == ["First Name", "Last Name", "Maiden Name", "Address", "Birth Date",
                          "Headline", "Summary", "Industry", "Zip Code", "Geo Location",
                          "Twitter Handles", "Websites", "Instant Messengers"]
    assert profile[1][:2] == ["Youssef", "El Amrani"]
    positions = switcher.rows("Positions.csv")
    assert positions[0] == ["Company Name", "Title", "Description", "Location", "Started On",
                            "Finished On"]
    assert positions[1][0] == "Brightwater Analytics" and positions[1][5] == ""
    assert positions[2][0] == "Veldkamp Logistiek"
    assert (positions[2][4], positions[2][5]) == ("Feb 2014", "Jan 2023")
    assert switcher.rows("Education.csv")[0] == ["School Name", "Start Date", "End Date",
                                                 "Notes", "Degree Name", "Activities"]
    assert switcher.text("guide_messages.csv") == ",".join(MESSAGES_HEADER) + "\n"
    assert re.fullmatch(r"[A-Z][a-z]{2} [A-Z][a-z]{2} \d{2} \d{2}:\d{2}:\d{2} UTC \d{4}",
                        switcher.rows("Company Follows.csv")[1][1])


def test_switcher_former_colleagues_still_there_and_elsewhere() -> None:
    plan = build_plan("switcher", seed=5)
    former = [p for p in plan.people if "former-colleague" in p.tags]
    still = [p for p in former if p.company == "Veldkamp Logistiek"]
    assert 0 < len(still) < len(former)
    assert all(p.level == "dormant" for p in still)


def test_insider_mostly_at_the_owners_employer() -> None:
    plan = build_plan("insider", seed=5)
    linked = plan.connections
    share = sum(p.company == "Kestrel Analytics" for p in linked) / len(linked)
    assert share > 0.5
    organisations = {p.company for p in build_plan("bridger", seed=5).connections}
    assert len(organisations) > 300


# -- the reader --------------------------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["bridger", "switcher"])
def test_reader_explains_every_skip(fixture: str, request: pytest.FixtureRequest) -> None:
    from netscan.ingest import load_exports

    sample: Sample = request.getfixturevalue(fixture)
    result = sample.result
    export = load_exports([result.path])
    files = {f.name: f for i in export.inputs for f in i.files}
    assert files["Connections.csv"].skipped == {"blank-hidden-member": result.hidden_members}
    assert files["Connections.csv"].used == result.connections
    assert files["messages.csv"].skipped == {"sponsored": result.sponsored,
                                             "linkedin-member": result.linkedin_member,
                                             "spam": result.spam}
    for name, report in files.items():
        if name not in ("Connections.csv", "messages.csv"):
            assert report.skipped == {}, name
    assert {n for n, f in files.items() if f.status == "not-used"} == {
        "Skills.csv", "Company Follows.csv", "Reactions.csv"}
    assert export.contacts["in_network"].sum() == result.connections
    assert export.contacts.height - result.connections == result.other_people
    assert export.owner.name == ("Jeroen Kuipers" if fixture == "bridger" else
                                 "Youssef El Amrani")


# -- the command -------------------------------------------------------------------------------

def test_cli_writes_and_reports(tmp_path: Path) -> None:
    out, truth = tmp_path / "n.zip", tmp_path / "n.truth.csv"
    run = CliRunner().invoke(cli, ["sample", "--persona", "newcomer", "--connections", "80",
                                   "--messages", "90", "--seed", "2", "-o", str(out),
                                   "--truth", str(truth)])
    assert run.exit_code == 0, run.output
    assert run.output == (f"Wrote {out}: persona newcomer, 79 connections, 90 messages "
                          f"(seed 2); planted truth in {truth}.\n")
    assert out.read_bytes() == write_sample(tmp_path / "m.zip", persona="newcomer",
                                            connections=80, messages=90,
                                            seed=2).path.read_bytes()
    assert truth.read_text(encoding="utf-8").startswith(
        "profile_url,full_name,level,in_network,company,tags\n")


def test_cli_rejects_unknown_persona_and_needs_output(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["sample", "--persona", "nobody", "-o",
                                    str(tmp_path / "x.zip")]).exit_code == 2
    assert CliRunner().invoke(cli, ["sample"]).exit_code == 2
    assert "Example:" in CliRunner().invoke(cli, ["sample", "--help"]).output


@pytest.mark.parametrize(("persona", "connections", "messages"), [
    ("bridger", 1, 0), ("bridger", 5, 10), ("insider", 3, 5000), ("switcher", 40, 35),
    ("newcomer", 2000, 50),
])
def test_extreme_sizes_still_hit_the_requested_counts(persona: str, connections: int,
                                                      messages: int, tmp_path: Path) -> None:
    result = write_sample(tmp_path / "x.zip", persona=persona, connections=connections,
                          messages=messages, seed=1)
    sample = Sample(result)
    assert result.connections + result.hidden_members == connections
    assert len(sample.connection_rows()) == connections
    assert result.messages == len(sample.message_rows()) == messages


def test_behaviour_is_drawn_noisily_from_a_latent_closeness() -> None:
    from itertools import pairwise
    from statistics import pstdev

    from netscan.sample.plan import CLOSENESS, thread_messages

    plan = build_plan("bridger", seed=7)
    for person in plan.people:
        if person.level in CLOSENESS and "not-connection" not in person.tags:
            lo, hi = CLOSENESS[person.level]
            if "former-strong" in person.tags:
                lo, hi = 0.75, 1.0
            assert lo <= person.closeness <= hi, person
    strong = {p.index for p in plan.people if p.level == "strong"}
    threads = [t for t in plan.threads if t.kind == "direct" and t.people[0] in strong
               and t.count >= 8]
    assert len(threads) >= 5
    out_shares, gaps = [], []
    for thread in threads:
        rows = list(thread_messages(plan, thread))
        out_shares.append(sum(row.sender_url == plan.owner_url for row in rows) / len(rows))
        stamps = sorted(datetime.strptime(row.date, "%Y-%m-%d %H:%M:%S UTC") for row in rows)
        gaps.append(max(b - a for a, b in pairwise(stamps)))
    # the owner's share differs per tie (Beta), not a fixed half
    assert pstdev(out_shares) > 0.03
    # bursts leave quiet spells: every busy strong thread has a gap of two weeks or more
    assert all(gap >= timedelta(days=14) for gap in gaps)
    # closer ties write longer messages: the pool is sorted shortest first
    assert list(plan.content_pool) == sorted(plan.content_pool, key=lambda t: (len(t), t))


def test_later_export_is_deterministic_and_lists_its_changes(tmp_path: Path) -> None:
    from netscan.sample import later_plan, write_later

    plan = build_plan("switcher", connections=300, messages=1500, seed=3)
    first, changes = later_plan(plan, months=6)
    _again, changes_again = later_plan(build_plan("switcher", connections=300, messages=1500,
                                                 seed=3), months=6)
    assert changes == changes_again and changes
    assert first.export_date == date(2027, 5, 2) and plan.export_date == date(2026, 11, 2)
    kinds = {c.change for c in changes}
    assert kinds == {"gained", "lost", "cooled", "warmed", "moved"}
    # the earlier plan is untouched, and every planted person is distinct
    assert len({c.profile_url for c in changes}) == len(changes)
    assert all(p.connected_on is None or p.connected_on <= plan.export_date for p in plan.people)
    a, b = tmp_path / "a.zip", tmp_path / "b.zip"
    write_later(a, connections=120, messages=400, seed=1, months=3)
    write_later(b, connections=120, messages=400, seed=1, months=3)
    assert a.read_bytes() == b.read_bytes()
