%
O1005 (CENTRAGE ET PERCAGE G81)
(TITRE : Centrage puis perçage débouchant de 4 trous D8.5 avec le cycle G81)
(CAPACITES : C4, C1)
(PIECE : platine 100 x 70 x 15, 4 trous D8.5 débouchants aux positions X15/Y15, X85/Y15, X85/Y55, X15/Y55)
(MATIERE : acier S235, groupe ISO P)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T05 foret à centrer carbure pointe 90 degrés D10, jauge H05)
(  T06 foret ARS D8.5 pointe 118 degrés, jauge H06)
(ORIGINE : G54 au coin avant gauche, Z0 sur le dessus de la platine, platine sur cales parallèles)
(ENSEIGNE : centrage avant perçage pour guider le foret, cycle G81 avec plan R,)
(  G99 = retour au plan R entre deux trous, G98 = retour au plan initial pour passer au-dessus des brides,)
(  G80 pour annuler le cycle avant de dégager, profondeur de perçage qui tient compte de la pointe)
(CALCUL T05 : carbure environ 2 fois la vitesse de l'ARS, Vc 40 m/min, N = 1000 x 40 / [PI x 10] = 1273 -> S1270)
(  f 0.05 mm/tr -> Vf = 0.05 x 1270 = 64 mm/min -> F60. , profondeur Z-4.75 : pointe 90 degrés, chanfrein D9.5)
(CALCUL T06 : ARS dans l'acier Vc 20 m/min, N = 1000 x 20 / [PI x 8.5] = 749 -> S750)
(  f 0.12 mm/tr -> Vf = 0.12 x 750 = 90 mm/min -> F90.)
(  pointe 118 degrés : hauteur environ 0.3 x D = 2.55 mm, donc Z = -15 - 2.55 - 0.5 de sortie = Z-18.1)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T05 : CENTRAGE ---)
N40 T05 M06
N50 G54 G00 X15. Y15. S1270 M03
N60 G43 H05 Z50. M08
N70 Z20. (PLAN INITIAL AU-DESSUS DES BRIDES)
N80 G99 G81 X15. Y15. Z-4.75 R2. F60. (RETOUR AU PLAN R)
N90 X85.
N100 Y55.
N110 G98 X15. (DERNIER TROU : RETOUR AU PLAN INITIAL Z20.)
N120 G80 (ANNULATION DU CYCLE)
N130 G00 Z50. M09
N140 M05
N150 G91 G28 Z0.
N160 G90
(--- T06 : PERCAGE D8.5 DEBOUCHANT ---)
N170 T06 M06
N180 G54 G00 X15. Y15. S750 M03
N190 G43 H06 Z50. M08
N200 Z20.
N210 G99 G81 X15. Y15. Z-18.1 R2. F90.
N220 X85.
N230 Y55.
N240 G98 X15.
N250 G80
N260 G00 Z50. M09
N270 M05
N280 G91 G28 Z0.
N290 G90
N300 M30
%
