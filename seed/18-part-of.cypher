// (:Organization)-[:PART_OF]->(:Organization) (32); generated from seed/facts/ by `npm run seed:generate`.
// MERGE keeps each relationship once per pair.

UNWIND [
  {from: "alibaba-cloud", to: "alibaba-group"},
  {from: "alibaba-damo-academy", to: "alibaba-group"},
  {from: "calico-life-sciences", to: "alphabet"},
  {from: "columbia-university-irving-medical-center", to: "columbia-university"},
  {from: "facebook-ai-research", to: "meta"},
  {from: "google", to: "alphabet"},
  {from: "google-brain", to: "google"},
  {from: "google-deepmind", to: "google"},
  {from: "google-health", to: "google"},
  {from: "google-research", to: "google"},
  {from: "harvard-medical-school", to: "harvard-university"},
  {from: "huawei-cloud", to: "huawei"},
  {from: "ibm-research-zurich", to: "ibm-research"},
  {from: "isomorphic-labs", to: "alphabet"},
  {from: "massachusetts-general-hospital", to: "mass-general-brigham"},
  {from: "meta-ai", to: "meta"},
  {from: "microsoft-research", to: "microsoft"},
  {from: "microsoft-research-ai-for-science", to: "microsoft-research"},
  {from: "microsoft-research-asia", to: "microsoft-research"},
  {from: "microsoft-research-new-england", to: "microsoft-research"},
  {from: "mit-lincoln-laboratory", to: "massachusetts-institute-of-technology"},
  {from: "national-center-for-biotechnology-information", to: "national-library-of-medicine"},
  {from: "national-library-of-medicine", to: "national-institutes-of-health"},
  {from: "national-taiwan-university-hospital", to: "national-taiwan-university"},
  {from: "nyu-langone-health", to: "new-york-university"},
  {from: "shanghai-institute-of-materia-medica", to: "chinese-academy-of-sciences"},
  {from: "shenzhen-institute-of-advanced-technology", to: "chinese-academy-of-sciences"},
  {from: "suzhou-institute-of-biomedical-engineering-and-technology", to: "chinese-academy-of-sciences"},
  {from: "tencent-ai-lab", to: "tencent"},
  {from: "tencent-jarvis-lab", to: "tencent"},
  {from: "west-china-hospital", to: "sichuan-university"},
  {from: "xiamen-university-malaysia", to: "xiamen-university"}
] AS link
MATCH (a:Organization {id: link.from}), (b:Organization {id: link.to})
MERGE (a)-[r:PART_OF]->(b);
