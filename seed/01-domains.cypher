// Domain nodes (5); generated from seed/facts/ by `npm run seed:generate`.
// SET n = props replaces every property, so running the script again leaves the same nodes.

UNWIND [
  {id: "clinical-informatics", name: "Clinical Informatics", description: "Use of computational models on health-care data such as clinical notes, structured electronic health records, biomedical literature and patient-clinician conversations, to support documentation, question answering, risk prediction and decision making."},
  {id: "computational-biology", name: "Computational Biology", description: "Foundation models that learn from biological sequences, structures and cellular measurements (DNA, RNA, proteins, single-cell transcriptomes) to predict molecular function and structure or to design new biomolecules."},
  {id: "drug-discovery", name: "Drug Discovery and Development", description: "Computational support for finding and developing medicines: learning molecular representations, designing and synthesizing compounds, predicting target binding and safety, and planning or forecasting clinical trials."},
  {id: "medical-imaging", name: "Medical Imaging", description: "Foundation models that learn from medical images such as radiographs, CT and MRI volumes, histopathology slides and retinal scans, often together with reports or captions, to support diagnosis, segmentation, report writing and visual question answering."},
  {id: "public-health", name: "Public Health", description: "Foundation models applied at the population level: forecasting epidemics, monitoring health signals in social media and search data, detecting health misinformation and mental-health risk, and tracking pathogen evolution."}
] AS props
MERGE (n:Entity:Domain {id: props.id})
SET n = props;
