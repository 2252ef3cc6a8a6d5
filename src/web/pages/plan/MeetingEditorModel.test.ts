/** The meeting editor's draft: loaded from a meeting, sent back as the whole document, Brussels time both ways. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { documentOf, draftOf, fromLocalInput, moved, newKey, toLocalInput, type BodyMember, type EditableMeeting } from "./MeetingEditorModel.js";

const org = (id: number) => ({ id, code: `o${id}`, name: `Org ${id}` });
const member = (id: number, organisationId: number, active = true): BodyMember => ({ id, personName: `Person ${id}`, organisation: org(organisationId), role: "member", userId: null, active });

const meeting: EditableMeeting = {
  id: 7,
  startsAt: "2018-11-20T09:30:00.000Z",
  location: "Salle 1",
  status: "held",
  body: { id: 3, planId: 1, kind: "working_group", name: "GT Drogues" },
  minutes: { fr: "PV", nl: "Notulen" },
  agenda: [
    { id: 21, position: 2, title: "B", titles: { fr: "B", nl: "B nl", en: "B" }, measure: null },
    { id: 20, position: 1, title: "A", titles: { fr: "A", nl: "A nl", en: "A" }, measure: { id: 5, code: "1.1", title: "M" } },
  ],
  attendance: [
    { memberId: 11, personName: "Person 11", organisation: org(1), present: true },
    { memberId: 99, personName: "Gone", organisation: org(2), present: false },
  ],
  decisions: [{ id: 31, agendaItemId: 21, measure: null, text: "D", texts: { fr: "D", nl: "D nl" } }],
  actionItems: [
    {
      id: 41,
      decisionId: 31,
      title: "Do it",
      owner: { organisation: org(1), memberId: 11, memberName: "Person 11" },
      dueDate: "2018-12-31",
      status: "done",
      doneDate: "2018-12-01",
      late: false,
      actions: ["edit"],
    },
  ],
  actions: ["read", "manage"],
};

describe("meeting editor draft", () => {
  it("reads Brussels time both ways, in winter and summer", () => {
    assert.equal(toLocalInput("2018-11-20T09:30:00.000Z"), "2018-11-20T10:30");
    assert.equal(toLocalInput("2018-06-12T08:00:00Z"), "2018-06-12T10:00");
    assert.equal(fromLocalInput("2018-11-20T10:30"), "2018-11-20T09:30:00.000Z");
    assert.equal(fromLocalInput("2018-06-12T10:00"), "2018-06-12T08:00:00.000Z");
    assert.equal(fromLocalInput("2018-03-25T03:30"), "2018-03-25T01:30:00.000Z", "just after the spring change");
    assert.equal(fromLocalInput("not a date"), "not a date", "left for the server to name");
  });

  it("loads the agenda in order, members with their presence, and links between rows", () => {
    const draft = draftOf(meeting, [member(12, 1), member(11, 1), member(13, 2, false)]);
    assert.deepEqual(draft.agenda.map((a) => [a.titleFr, a.measureId]), [["A", "5"], ["B", ""]]);
    assert.deepEqual(draft.attendance.map((a) => [a.memberId, a.present]), [[12, false], [11, true], [99, false]], "inactive members only when recorded");
    assert.equal(draft.decisions[0]!.agendaKey, draft.agenda[1]!.key);
    assert.equal(draft.actionItems[0]!.decisionKey, draft.decisions[0]!.key);
    assert.equal(draft.startsAt, "2018-11-20T10:30");
  });

  it("sends the whole document with positions for the links, keeping action item ids and done dates", () => {
    const draft = draftOf(meeting, [member(11, 1)]);
    draft.agenda = moved(draft.agenda, 1, -1);
    draft.decisions.push({ key: newKey("decision"), textFr: "Nouvelle", textNl: "Nieuw", agendaKey: "", measureId: "5" });
    draft.actionItems.push({ key: newKey("action"), id: null, title: "New", ownerOrganisationId: "", ownerMemberId: "", dueDate: "2019-01-31", status: "open", doneDate: null, decisionKey: draft.decisions[1]!.key });
    const doc = documentOf(draft);
    assert.equal(doc.startsAt, "2018-11-20T09:30:00.000Z");
    assert.deepEqual(doc.agenda.map((a) => [a.titleFr, a.measureId]), [["B", null], ["A", 5]]);
    assert.deepEqual(doc.decisions, [
      { agendaPosition: 1, measureId: null, textFr: "D", textNl: "D nl" },
      { agendaPosition: null, measureId: 5, textFr: "Nouvelle", textNl: "Nieuw" },
    ]);
    assert.deepEqual(doc.actionItems, [
      { id: 41, decisionPosition: 1, title: "Do it", ownerOrganisationId: 1, ownerMemberId: 11, dueDate: "2018-12-31", status: "done", doneDate: "2018-12-01" },
      { decisionPosition: 2, title: "New", ownerMemberId: null, dueDate: "2019-01-31", status: "open" },
    ]);
    assert.deepEqual(doc.attendance, [{ memberId: 11, present: true }, { memberId: 99, present: false }]);
  });

  it("sends no attendance for a meeting where none was recorded and nobody is ticked", () => {
    const draft = draftOf({ ...meeting, attendance: [] }, [member(11, 1)]);
    assert.deepEqual(documentOf(draft).attendance, []);
    draft.attendance[0]!.present = true;
    assert.deepEqual(documentOf(draft).attendance, [{ memberId: 11, present: true }]);
  });
});
