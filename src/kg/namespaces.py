"""Every namespace and term the project uses, declared once.

Terms of our own namespaces are rdflib ``DefinedNamespace`` members: a misspelt
term raises at the line that uses it, and ``tests/test_ontology.py`` checks that
this list and ``ontology/`` declare the same terms.

>>> str(WKG.Criticism)
'https://w3id.org/watchdog-kg/ontology#Criticism'
>>> WKG.Critcism
Traceback (most recent call last):
...
AttributeError: term 'Critcism' not in namespace 'https://w3id.org/watchdog-kg/ontology#'
"""

from __future__ import annotations

from rdflib import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SDO, SH, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["WKG", "VOC", "ENT", "SRC", "GRAPH", "OA", "PREFIXES", "BASE",
           "DCTERMS", "FOAF", "ORG", "OWL", "PROV", "RDF", "RDFS", "SDO", "SH", "SKOS", "XSD"]

BASE = "https://w3id.org/watchdog-kg/"


class WKG(DefinedNamespace):
    """The watchdog-kg ontology: classes (UpperCamel) and properties (lowerCamel)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True
    vizAs: URIRef; vizCaption: URIRef; vizColour: URIRef; vizDashes: URIRef; vizFrom: URIRef; vizShape: URIRef
    vizTo: URIRef
    Actor: URIRef; AnonymousActor: URIRef; Assertion: URIRef; Assessment: URIRef;
    AuditBody: URIRef; AuditReport: URIRef; CollectiveActor: URIRef; CombinedAuthority: URIRef;
    CommitteeReport: URIRef; Consultancy: URIRef; CouncilPartnership: URIRef;
    CountyCouncil: URIRef; Criticism: URIRef; CriticismKind: URIRef; Decision: URIRef;
    Defence: URIRef; Document: URIRef; Draft: URIRef; Evidence: URIRef; Figure: URIRef;
    FigureKind: URIRef; Finding: URIRef; Government: URIRef; GovernmentDepartment: URIRef;
    GovernmentGroup: URIRef; Guidance: URIRef; Legislature: URIRef; Letter: URIRef;
    LocalAuthority: URIRef; LondonBoroughCouncil: URIRef; Meeting: URIRef;
    MetropolitanDistrictCouncil: URIRef; MinisterialGroup: URIRef; Minutes: URIRef;
    NewsArticle: URIRef; NewsOutlet: URIRef; NhsBody: URIRef; NonMinisterialDepartment: URIRef;
    OfficialsGroup: URIRef; Organisation: URIRef; ParliamentaryCommittee: URIRef;
    Person: URIRef; Pilot: URIRef; PolicyPaper: URIRef; PoliticalParty: URIRef;
    PostHolding: URIRef; Presentation: URIRef; ProfessionalBody: URIRef; Programme: URIRef;
    PublicAgency: URIRef; Rebuttal: URIRef; Recommendation: URIRef; ReferenceSheet: URIRef;
    Report: URIRef; Response: URIRef; Role: URIRef; Source: URIRef; Stance: URIRef;
    Study: URIRef; SupportiveAssessment: URIRef; ThinkTank: URIRef; UnitaryAuthority: URIRef;
    about: URIRef; addressedTo: URIRef; affiliation: URIRef; assessor: URIRef; chair: URIRef;
    comparedWith: URIRef; considered: URIRef; costOfMiss: URIRef; critic: URIRef;
    criticismKind: URIRef; dateBasis: URIRef; decidedAt: URIRef; decidedBy: URIRef;
    draftOf: URIRef; endDate: URIRef; evidence: URIRef; figureKind: URIRef; followUpOf: URIRef;
    govukOrgKey: URIRef; gssCode: URIRef; hasPilot: URIRef; hcNumber: URIRef;
    leadDepartment: URIRef; madeBy: URIRef; measures: URIRef; meetingOf: URIRef;
    metadataBasis: URIRef; originalSource: URIRef; outlet: URIRef; outturnOf: URIRef;
    parliamentarySession: URIRef; partOfProgramme: URIRef; participant: URIRef; party: URIRef;
    period: URIRef; pilotArea: URIRef; pilotOf: URIRef; postTitle: URIRef; precededBy: URIRef;
    recommendedBy: URIRef; recommendedTo: URIRef; respondent: URIRef; respondsTo: URIRef;
    responsibleBody: URIRef; sentence: URIRef; sha256: URIRef; stance: URIRef;
    startDate: URIRef; statedIn: URIRef; succeededBy: URIRef; summary: URIRef;
    supporter: URIRef; target: URIRef; textFile: URIRef; wikidataId: URIRef;
    Mention: URIRef; Quotation: URIRef; mentionOf: URIRef; speaker: URIRef; confidence: URIRef; cue: URIRef


class VOC(DefinedNamespace):
    """Controlled values: stances, criticism kinds, figure kinds and roles."""

    _NS = Namespace(BASE + "vocab/")
    _fail = True
    accusation: URIRef; actual: URIRef; adverseFinding: URIRef; allocated: URIRef;
    assumed: URIRef; chair: URIRef; complaint: URIRef; comptrollerAndAuditorGeneral: URIRef;
    councilLeader: URIRef; credible: URIRef; critical: URIRef; criticismKinds: URIRef;
    defending: URIRef; director: URIRef; disputing: URIRef; estimate: URIRef;
    figureKinds: URIRef; forecast: URIRef; headOfCivilService: URIRef; journalist: URIRef;
    memberOfParliament: URIRef; minister: URIRef; objection: URIRef; outturn: URIRef;
    permanentSecretary: URIRef; planned: URIRef; primeMinister: URIRef; promised: URIRef;
    roles: URIRef; scepticism: URIRef; stances: URIRef; supportive: URIRef; target: URIRef;
    unfavourableComparison: URIRef; warning: URIRef;


class OA(DefinedNamespace):
    """The W3C Web Annotation terms used for evidence."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True
    SpecificResource: URIRef; TextQuoteSelector: URIRef; TextPositionSelector: URIRef
    hasSource: URIRef; hasSelector: URIRef; exact: URIRef; start: URIRef; end: URIRef


ENT = Namespace(BASE + "id/")
SRC = Namespace(BASE + "source/")
GRAPH = Namespace(BASE + "graph/")

PREFIXES: dict[str, str] = {
    "wkg": str(WKG._NS), "voc": str(VOC._NS), "ent": str(ENT), "src": str(SRC), "graph": str(GRAPH),
    "rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL), "xsd": str(XSD), "skos": str(SKOS),
    "dcterms": str(DCTERMS), "foaf": str(FOAF), "org": str(ORG), "prov": str(PROV),
    "schema": str(SDO), "oa": str(OA._NS), "sh": str(SH),
}
"""Prefix -> namespace, for queries (``kg query -e``), output and JSON-LD."""
