%
O1001 (SURFACAGE PLATINE)
(TITRE : Surfaçage d'une platine à la fraise à surfacer, ébauche puis finition)
(CAPACITES : C4, C3)
(PIECE : platine 120 x 80, brut avec 1 mm de surépaisseur sur le dessus)
(MATIERE : acier S235, groupe ISO P)
(MACHINE : fraiseuse CN ou centre d'usinage vertical 3 axes, commande Fanuc ou compatible)
(OUTILS : T01 fraise à surfacer D63 à 5 plaquettes carbure, jauge H01)
(ORIGINE : G54 au coin avant gauche de la platine, Z0 sur la face finie)
(ENSEIGNE : ligne de sécurité, G43 H après le changement d'outil, passes qui débordent de la pièce,)
(  recouvrement entre deux passes, ébauche à Z0.3 puis finition à Z0.)
(CALCUL EBAUCHE : Vc 200 m/min, N = 1000 x Vc / [PI x D] = 1000 x 200 / [PI x 63] = 1010 tr/min)
(  Vf = fz x Z x N = 0.15 x 5 x 1010 = 757 mm/min, arrondi à F750.)
(CALCUL FINITION : Vc 250 m/min, N = 1263 tr/min arrondi à S1260, fz 0.1 -> Vf = 0.1 x 5 x 1260 = 630 mm/min)
(VALEURS DE DEPART A CONFIRMER AVEC LE CATALOGUE DE L'OUTIL)
N10 G21 G17 G40 G49 G80 G90 (LIGNE DE SECURITE)
N20 G91 G28 Z0. (RETOUR ORIGINE MACHINE EN Z)
N30 G90
(--- T01 : SURFACAGE EBAUCHE A Z0.3 ---)
N40 T01 M06
N50 G54 G00 X-40. Y22. S1010 M03 (BROCHE EN MARCHE AVANT DE DESCENDRE)
N60 G43 H01 Z50. M08 (CORRECTION DE LONGUEUR ET ARROSAGE)
N70 Z5.
N80 G01 Z0.3 F300.
N90 X155. F750. (PASSE 1 : LA FRAISE SORT COMPLETEMENT DE LA PIECE)
N100 Y58. (DECALAGE DE 36 MM : RECOUVREMENT DE 27 MM ENTRE LES PASSES)
N110 X-40. (PASSE 2)
N120 G00 Z5.
(--- T01 : SURFACAGE FINITION A Z0. ---)
N130 X-40. Y22. S1260
N140 G01 Z0. F300.
N150 X155. F630.
N160 Y58.
N170 X-40.
N180 G00 Z50. M09
N190 M05
N200 G91 G28 Z0.
N210 G90
N220 M30
%
