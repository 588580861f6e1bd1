%
O1003 (POCHE RECTANGULAIRE)
(TITRE : Poche rectangulaire 60 x 40 avec rayons d'angle, entrée en rampe et finition des flancs en G41)
(CAPACITES : C4, C2)
(PIECE : plaque 100 x 70 x 20, poche 60 x 40 profondeur 8 centrée, angles de poche R6)
(MATIERE : alliage d'aluminium 2017A, groupe ISO N)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T03 fraise 2 tailles carbure D10 à 3 dents, jauge H03, correcteur D03 = 5.0)
(ORIGINE : G54 au centre de la poche, Z0 sur le dessus de la plaque)
(ENSEIGNE : le rayon d'angle de la poche R6 doit être plus grand que le rayon de fraise R5,)
(  entrée en rampe au lieu d'une plongée verticale, ébauche en deux prises de 4 mm en trajectoire centre outil)
(  qui laisse 0.3 mm sur les flancs, puis finition des flancs en avalant : parcours anti-horaire + G41 dans une poche)
(CALCUL : Vc 200 m/min, N = 1000 x 200 / [PI x 10] = 6366 tr/min -> S6370)
(  Vf = fz x Z x N = 0.05 x 3 x 6370 = 955 mm/min -> F950. , rampe à F500.)
(TRAJECTOIRE D'EBAUCHE : centre outil limité à X +/-24.7 et Y +/-14.7, soit 30 - 5 - 0.3 et 20 - 5 - 0.3)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T03 : EBAUCHE DE LA POCHE, PRISE 1 A Z-4. ---)
N40 T03 M06
N50 G54 G00 X-24.7 Y-14.7 S6370 M03
N60 G43 H03 Z50. M08
N70 Z1.
N80 G01 Z0. F300.
N90 X24.7 Z-4. F500. (RAMPE D'ENVIRON 5 DEGRES)
N100 X-24.7 F950. (REPRISE DU FOND DE LA RAMPE)
N110 Y-7.35
N120 X24.7
N130 Y0.
N140 X-24.7
N150 Y7.35
N160 X24.7
N170 Y14.7
N180 X-24.7
N190 Y-14.7 (TOUR DE NETTOYAGE DES CRETES)
N200 X24.7
N210 Y14.7
N220 X-24.7
(--- T03 : EBAUCHE DE LA POCHE, PRISE 2 A Z-8. ---)
N230 Y-14.7
N240 X24.7 Z-8. F500.
N250 X-24.7 F950.
N260 Y-7.35
N270 X24.7
N280 Y0.
N290 X-24.7
N300 Y7.35
N310 X24.7
N320 Y14.7
N330 X-24.7
N340 Y-14.7
N350 X24.7
N360 Y14.7
N370 X-24.7
N380 X0. Y0. (RETOUR AU CENTRE AVANT LA FINITION)
(--- T03 : FINITION DES FLANCS EN AVALANT G41 ---)
N390 G41 D03 G01 X0. Y-20. F760. (DROITE D'APPROCHE DE 20 MM, PLUS LONGUE QUE LE RAYON)
N400 X24.
N410 G03 X30. Y-14. I0. J6.
N420 G01 Y14.
N430 G03 X24. Y20. I-6. J0.
N440 G01 X-24.
N450 G03 X-30. Y14. I0. J-6.
N460 G01 Y-14.
N470 G03 X-24. Y-20. I6. J0.
N480 G01 X1. (RECOUVREMENT DU POINT D'ENTREE)
N490 G40 G01 X0. Y0.
N500 G00 Z50. M09
N510 M05
N520 G91 G28 Z0.
N530 G90
N540 M30
%
