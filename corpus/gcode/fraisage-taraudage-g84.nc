%
O1007 (TARAUDAGE M8 G84)
(TITRE : Taraudage M8 x 1.25 au cycle G84 avec avance F = pas x N)
(CAPACITES : C4, C5)
(PIECE : platine 100 x 40 x 30, 3 trous taraudés M8 borgnes, taraudés sur 16 mm de profondeur, en X20/Y20, X50/Y20, X80/Y20)
(MATIERE : acier S235, groupe ISO P)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible, avance en mm/min G94)
(OUTILS : T05 foret à centrer carbure pointe 90 degrés D10, jauge H05 : centrage et chanfrein D9)
(  T08 foret ARS D6.8, jauge H08 : avant-trou, diamètre nominal moins le pas, 8 - 1.25 = 6.75 -> foret 6.8)
(  T09 taraud machine M8 x 1.25 sur porte-taraud, jauge H09)
(ORIGINE : G54 au coin avant gauche, Z0 sur le dessus de la platine)
(ENSEIGNE : G84 demande la broche en sens horaire M03 avant le cycle, inverse la broche au fond et remonte,)
(  en G94 l'avance doit être exactement pas x N : F = 1.25 x 400 = 500 mm/min,)
(  avant-trou plus profond que le filet pour loger la pointe du taraud et les copeaux, plan R plus haut à 5 mm)
(CALCUL T08 : Vc 20 m/min, N = 1000 x 20 / [PI x 6.8] = 936 -> S940 , f 0.1 -> F90. , Z-22. avec la pointe)
(CALCUL T09 : N choisie 400 tr/min, soit Vc = PI x 8 x 400 / 1000 = 10 m/min, F = 1.25 x 400 = F500.)
(CONTROLE : tampon fileté M8 entre / n'entre pas sur la première pièce, voir fiche calibres)
N10 G21 G17 G40 G49 G80 G90 G94 (LIGNE DE SECURITE, AVANCE PAR MINUTE)
N20 G91 G28 Z0.
N30 G90
(--- T05 : CENTRAGE ET CHANFREIN D9 ---)
N40 T05 M06
N50 G54 G00 X20. Y20. S1270 M03
N60 G43 H05 Z50. M08
N70 Z10.
N80 G98 G81 X20. Y20. Z-4.5 R2. F60.
N90 X50.
N100 X80.
N110 G80
N120 G00 Z50. M09
N130 M05
N140 G91 G28 Z0.
N150 G90
(--- T08 : PERCAGE AVANT-TROU D6.8 ---)
N160 T08 M06
N170 G54 G00 X20. Y20. S940 M03
N180 G43 H08 Z50. M08
N190 Z10.
N200 G98 G83 X20. Y20. Z-22. R2. Q6. F90.
N210 X50.
N220 X80.
N230 G80
N240 G00 Z50. M09
N250 M05
N260 G91 G28 Z0.
N270 G90
(--- T09 : TARAUDAGE M8 X 1.25 ---)
N280 T09 M06
N290 G54 G00 X20. Y20. S400 M03 (SENS HORAIRE OBLIGATOIRE POUR G84)
N300 G43 H09 Z50. M08
N310 Z10.
N320 G98 G84 X20. Y20. Z-16. R5. F500. (F = PAS 1.25 x N 400)
N330 X50.
N340 X80.
N350 G80
N360 G00 Z50. M09
N370 M05
N380 G91 G28 Z0.
N390 G90
N400 M30
%
