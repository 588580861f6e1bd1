%
O2008 (PERCAGE AXIAL G74)
(TITRE : Centrage puis perçage axial D10 au tour avec le cycle de perçage par reprises G74)
(CAPACITES : C4, C7)
(PIECE : lopin D50 dressé, trou borgne D10 de 30 mm de partie cylindrique dans l'axe)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : tour CN 2 axes, commande Fanuc système A, X au diamètre)
(OUTILS : T0202 foret à centrer carbure D10 pointe 90 degrés - correcteur 02)
(  T0404 foret ARS D10 pointe 118 degrés dans un porte-foret de tourelle - correcteur 04)
(ORIGINE : Z0 sur la face dressée, X0 sur l'axe de broche)
(ENSEIGNE : dans l'axe on travaille en G97 : en G96 à X0. la broche partirait à sa limite,)
(  G74 R0.5 = retrait de 0.5 mm après chaque reprise pour casser le copeau,)
(  G74 Z-33. Q5000 F0.15 = profondeur finale, reprise de 5 mm écrite en microns sans point décimal,)
(  la profondeur ajoute la pointe du foret : environ 0.3 x D = 3 mm,)
(  G74 est un cycle en un seul bloc : G80 est ajouté par habitude de sécurité)
(CALCUL T02 : carbure environ 2 fois l'ARS, Vc 40 m/min, N = 1000 x 40 / [PI x 10] = 1273 -> S1270 , f 0.05)
(CALCUL T04 : ARS dans l'acier Vc 20 m/min, N = 1000 x 20 / [PI x 10] = 637 -> S640 , f 0.15 mm/tr)
N10 G21 G18 G40 G80 G99 (LIGNE DE SECURITE TOUR)
N20 G28 U0. W0.
(--- T02 : CENTRAGE ---)
N30 T0202
N40 G97 S1270 M03
N50 G00 X0. Z2. M08
N60 G01 Z-2. F0.05
N70 G04 X0.2
N80 G00 Z10.
N90 X100. Z100. M09
N100 G28 U0. W0.
(--- T04 : PERCAGE D10 PAR REPRISES G74 ---)
N110 T0404
N120 G97 S640 M03
N130 G00 X0. Z2. M08
N140 G74 R0.5
N150 G74 Z-33. Q5000 F0.15
N160 G80
N170 G00 Z10.
N180 X100. Z100. M09
N190 M05
N200 G28 U0. W0.
N210 M30
%
