%
O1009 (SOUS-PROGRAMME M98 M99)
(TITRE : Quatre rainures identiques usinées par un sous-programme M98 M99 écrit en G91)
(CAPACITES : C4)
(PIECE : plaque 120 x 40 x 10, 4 rainures 21 x 6 profondeur 3, au pas de 25 mm le long de X, axe en Y20)
(MATIERE : alliage d'aluminium 2017A, groupe ISO N)
(MACHINE : centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T13 fraise à rainurer carbure D6 à 2 dents, jauge H13)
(ORIGINE : G54 au coin avant gauche, Z0 sur le dessus de la plaque)
(ENSEIGNE : le programme principal place l'outil au départ de la première rainure,)
(  M98 P49009 appelle 4 fois le sous-programme O9009 : 4 = nombre de répétitions, 9009 = numéro,)
(  sur certaines commandes on écrit M98 P9009 L4,)
(  le sous-programme travaille en G91 : chaque passage finit 10 mm plus loin, prêt pour la rainure suivante,)
(  il remet G90 avant M99 pour ne pas laisser le programme principal en incrémental)
(CALCUL : Vc 120 m/min, N = 1000 x 120 / [PI x 6] = 6366 -> S6360 , fz 0.03 -> Vf = 0.03 x 2 x 6360 = 382 -> F380.)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0.
N30 G90
(--- T13 : RAINURES PAR SOUS-PROGRAMME ---)
N40 T13 M06
N50 G54 G00 X10. Y20. S6360 M03
N60 G43 H13 Z50. M08
N70 Z2. (2 MM AU-DESSUS DE LA PIECE : POINT DE DEPART ATTENDU PAR LE SOUS-PROGRAMME)
N80 M98 P49009 (4 PASSAGES DANS O9009)
N90 G90 G00 Z50. M09 (G90 REPETE PAR PRUDENCE)
N100 M05
N110 G91 G28 Z0.
N120 G90
N130 M30
%
O9009 (SOUS-PROGRAMME : UNE RAINURE EN INCREMENTAL)
(sous-programme de rainure en G91, appelé par O1009)
N10 G91 (INCREMENTAL : TOUS LES DEPLACEMENTS SONT RELATIFS)
N20 G01 Z-5. F150. (DE Z2. A Z-3. : PROFONDEUR 3)
N30 X15. F380. (RAINURE : 15 MM DE COURSE + DIAMETRE 6 = 21 MM)
N40 G00 Z5. (REMONTEE A Z2.)
N50 X10. (DEPART DE LA RAINURE SUIVANTE : 15 + 10 = PAS DE 25)
N60 G90 (RETOUR EN ABSOLU AVANT DE RENDRE LA MAIN)
N70 M99
%
