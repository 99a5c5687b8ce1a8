-- The catalogues of DATA-CONTRACT.md. Product data, not demo data: an administrator may edit them.
INSERT INTO organisation_settings (id) VALUES (1) ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO case_types (key, label_da, label_en, default_complexity, specialised) VALUES
  ('underretning', 'Underretning', 'Notification', 1, false),
  ('boernefaglig_undersoegelse', 'Børnefaglig undersøgelse', 'Child-protection investigation', 2, false),
  ('forebyggende_indsats', 'Forebyggende indsats', 'Preventive measure', 1, false),
  ('anbringelse', 'Anbringelse', 'Placement', 3, false),
  ('eftervaern', 'Efterværn', 'Aftercare for young adults', 2, false),
  ('tabt_arbejdsfortjeneste', 'Tabt arbejdsfortjeneste', 'Lost-earnings compensation', 2, true),
  ('merudgifter', 'Merudgifter', 'Additional costs', 1, true),
  ('koersel', 'Kørsel', 'Transport grants', 1, false),
  ('aflastning', 'Aflastning', 'Respite care', 1, false)
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO emotional_flags (key, label_da, label_en) VALUES
  ('vold_trusler', 'Vold eller trusler', 'Violence or threats'),
  ('overgreb', 'Overgreb', 'Abuse'),
  ('anbringelse_uden_samtykke', 'Anbringelse uden samtykke', 'Placement without consent'),
  ('selvmordsrisiko', 'Selvmordsrisiko', 'Suicide risk'),
  ('hoejkonflikt', 'Højkonfliktfamilie', 'High-conflict family'),
  ('alvorlig_haendelse', 'Dødsfald eller alvorlig hændelse', 'Death or serious incident')
ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
INSERT INTO wellbeing_dimensions (key, label_da, label_en, higher_is_better, at_theme) VALUES
  ('trivsel', 'Trivsel i arbejdet', 'Job satisfaction', true, NULL),
  ('social_kapital', 'Social kapital', 'Social capital', true, NULL),
  ('tillid_ledelse', 'Tillid til ledelsen', 'Trust in management', true, NULL),
  ('retfaerdighed', 'Retfærdighed', 'Justice', true, NULL),
  ('foelelsesmaessige_krav', 'Følelsesmæssige krav', 'Emotional demands', false, 'emotional_demands'),
  ('kvantitative_krav', 'Kvantitative krav', 'Quantitative demands', false, 'workload_time_pressure'),
  ('arbejdstempo', 'Arbejdstempo', 'Work pace', false, 'workload_time_pressure'),
  ('rolleklarhed', 'Rolleklarhed', 'Role clarity', true, 'unclear_conflicting_demands'),
  ('rollekonflikter', 'Rollekonflikter', 'Role conflicts', false, 'unclear_conflicting_demands'),
  ('udbraendthed', 'Udbrændthed', 'Burnout', false, NULL),
  ('indflydelse', 'Indflydelse', 'Influence', true, NULL),
  ('anerkendelse', 'Anerkendelse', 'Recognition', true, NULL)
ON CONFLICT (key) DO NOTHING;
