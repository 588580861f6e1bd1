%
O1008 (ALESAGE G86 PUIS G85)
(TITRE : Alésage d'un trou D20 H7 : perçage, semi-finition à la barre en G86, finition à l'alésoir en G85)
(CAPACITES : C4, C2, C5)
(PIECE : platine 100 x 70 x 20, un trou D20 H7 débouchant en X50/Y35)
(MATIERE : acier C45, groupe ISO P)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T05 foret à centrer carbure D10, jauge H05)
(  T10 foret ARS D18, jauge H10)
(  T11 barre d'alésage carbure réglée à D19.8, jauge H11)
(  T12 alésoir machine D20 H7, jauge H12)
(ORIGINE : G54 au coin avant gauche, Z0 sur le dessus de la platine)
(ENSEIGNE : G86 descend en avance, arrête la broche au fond et remonte en rapide : rapide mais peut rayer,)
(  on le garde pour la semi-finition, G85 descend et remonte en avance : meilleur état de surface, pour la finition,)
(  la cote H7 se contrôle sur la première pièce au tampon lisse ou à l'alésomètre avant de lancer la série)
(CALCUL T10 : Vc 20 m/min, N = 1000 x 20 / [PI x 18] = 354 -> S350 , f 0.2 -> F70.)
(CALCUL T11 : Vc 120 m/min, N = 1000 x 120 / [PI x 19.8] = 1929 -> S1930 , f 0.1 -> F190.)
(CALCUL T12 : vitesse basse choisie pour l'alésoir, S150 soit Vc 9.4 m/min , f 0.3 -> F45.)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T05 : CENTRAGE ---)
N40 T05 M06
N50 G54 G00 X50. Y35. S1270 M03
N60 G43 H05 Z50. M08
N70 Z10.
N80 G98 G81 X50. Y35. Z-3. R2. F60.
N90 G80
N100 G00 Z50. M09
N110 M05
N120 G91 G28 Z0.
N130 G90
(--- T10 : PERCAGE D18 AVEC DEBOURRAGE ---)
N140 T10 M06
N150 G54 G00 X50. Y35. S350 M03
N160 G43 H10 Z50. M08
N170 Z10.
N180 G98 G83 X50. Y35. Z-26. R2. Q8. F70.
N190 G80
N200 G00 Z50. M09
N210 M05
N220 G91 G28 Z0.
N230 G90
(--- T11 : SEMI-FINITION A LA BARRE D19.8, CYCLE G86 ---)
N240 T11 M06
N250 G54 G00 X50. Y35. S1930 M03
N260 G43 H11 Z50. M08
N270 Z10.
N280 G98 G86 X50. Y35. Z-21. R2. F190.
N290 G80
N300 G00 Z50. M09
N310 M05
N320 G91 G28 Z0.
N330 G90
(--- T12 : FINITION A L'ALESOIR D20 H7, CYCLE G85 ---)
N340 T12 M06
N350 G54 G00 X50. Y35. S150 M03
N360 G43 H12 Z50. M08
N370 Z10.
N380 G98 G85 X50. Y35. Z-22. R2. F45.
N390 G80
N400 G00 Z50. M09
N410 M05
N420 G91 G28 Z0.
N430 G90
N440 M00 (ARRET : CONTROLE DU D20 H7 SUR LA PREMIERE PIECE)
N450 M30
%
