%
O1006 (PERCAGE PROFOND G83)
(TITRE : Perçage profond D6 sur 40 mm avec débourrage G83 et incrément Q)
(CAPACITES : C4, C7)
(PIECE : bloc 80 x 40 x 50, 2 trous borgnes D6 de 40 mm de partie cylindrique en X20/Y20 et X60/Y20)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T05 foret à centrer carbure pointe 90 degrés D10, jauge H05)
(  T07 foret carbure D6 pointe 140 degrés ou 118 degrés, jauge H07)
(ORIGINE : G54 au coin avant gauche, Z0 sur le dessus du bloc)
(ENSEIGNE : un trou de 40 mm en D6 fait presque 7 fois le diamètre : le foret se bourre de copeaux,)
(  G83 remonte au plan R après chaque incrément Q pour vider les copeaux, Q est obligatoire et positif,)
(  ici Q5. = 5 mm par incrément, soit un peu moins de 1 x D, G80 après le cycle)
(CALCUL T07 : carbure environ 2 fois l'ARS, Vc 40 m/min, N = 1000 x 40 / [PI x 6] = 2122 -> S2120)
(  f 0.08 mm/tr -> Vf = 0.08 x 2120 = 170 mm/min -> F170. , Z = -40 - 0.3 x 6 de pointe = Z-41.8)
(ENTRETIEN : surveiller l'usure des listels et l'arrosage, un foret bourré casse dans le trou)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T05 : CENTRAGE ---)
N40 T05 M06
N50 G54 G00 X20. Y20. S1270 M03
N60 G43 H05 Z50. M08
N70 Z10.
N80 G98 G81 X20. Y20. Z-3.5 R2. F60.
N90 X60.
N100 G80
N110 G00 Z50. M09
N120 M05
N130 G91 G28 Z0.
N140 G90
(--- T07 : PERCAGE PROFOND G83 AVEC DEBOURRAGE ---)
N150 T07 M06
N160 G54 G00 X20. Y20. S2120 M03
N170 G43 H07 Z50. M08
N180 Z10.
N190 G98 G83 X20. Y20. Z-41.8 R2. Q5. F170.
N200 X60.
N210 G80 (ANNULATION DU CYCLE)
N220 G00 Z50. M09
N230 M05
N240 G91 G28 Z0.
N250 G90
N260 M30
%
