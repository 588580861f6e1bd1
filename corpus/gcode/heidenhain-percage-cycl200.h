; TITRE : Centrage et perçage de trois trous avec le cycle Heidenhain CYCL DEF 200 PERCAGE
; CAPACITES : C4, C1
; PIECE : plaque 100 x 60 x 25, trois trous borgnes D8.5 de 20 mm en X20/Y30, X50/Y30, X80/Y30
; MATIERE : acier C45, groupe ISO P
; MACHINE : centre d'usinage vertical 3 axes, commande Heidenhain TNC en programmation conversationnelle
; OUTILS : T2 foret à centrer carbure pointe 90 degrés D10, T3 foret ARS D8.5 pointe 118 degrés
; ORIGINE : point de référence au coin avant gauche, Z0 sur le dessus de la plaque
; ENSEIGNE : CYCL DEF 200 ne fait que définir le cycle, le perçage part sur chaque bloc L qui porte M99,
;   Q200 distance d'approche, Q201 profondeur avec un signe moins, Q206 avance de plongée en mm/min,
;   Q202 profondeur de passe : si elle est plus petite que Q201 l'outil remonte entre deux passes pour dégager,
;   Q210 temporisation en haut, Q203 cote de la surface, Q204 saut de bride, Q211 temporisation au fond,
;   il n'y a pas de G80 à écrire : le cycle ne s'exécute que là où M99 ou CYCL CALL le demande
; CALCUL T2 : carbure environ 2 fois l'ARS, Vc 40 m/min, N = 1000 x 40 / (PI x 10) = 1273 -> S1270, F60
;   Q201 = -4.75 : pointe 90 degrés, chanfrein D9.5
; CALCUL T3 : Vc 20 m/min, N = 1000 x 20 / (PI x 8.5) = 749 -> S750, f 0.12 x 750 = F90
;   Q201 = -22.6 : 20 mm de partie cylindrique + 0.3 x D de pointe, passes de 6 mm
; NOTE : sur la commande, ces lignes de commentaire se placent après BEGIN PGM, avec un numéro de bloc
0 BEGIN PGM PERCAGE_200 MM
1 BLK FORM 0.1 Z X+0.0 Y+0.0 Z-25.0
2 BLK FORM 0.2 X+100.0 Y+60.0 Z+0.0
3 ; --- T2 : CENTRAGE AVEC LE CYCLE 200 ---
4 TOOL CALL 2 Z S1270 F60
5 L Z+100.0 R0 FMAX M3
6 CYCL DEF 200 PERCAGE ~
  Q200=+2.0 ;DISTANCE D'APPROCHE ~
  Q201=-4.75 ;PROFONDEUR ~
  Q206=+60.0 ;AVANCE PLONGEE ~
  Q202=+4.75 ;PROFONDEUR DE PASSE ~
  Q210=+0.0 ;TEMPO EN HAUT ~
  Q203=+0.0 ;COTE SURFACE ~
  Q204=+50.0 ;SAUT DE BRIDE ~
  Q211=+0.2 ;TEMPO AU FOND
7 L X+20.0 Y+30.0 R0 FMAX M8
8 L Z+50.0 R0 FMAX M99
9 L X+50.0 Y+30.0 R0 FMAX M99
10 L X+80.0 Y+30.0 R0 FMAX M99
11 L Z+100.0 R0 FMAX M9
12 M5
13 ; --- T3 : PERCAGE D8.5 AVEC LE CYCLE 200 ---
14 TOOL CALL 3 Z S750 F90
15 L Z+100.0 R0 FMAX M3
16 CYCL DEF 200 PERCAGE ~
  Q200=+2.0 ;DISTANCE D'APPROCHE ~
  Q201=-22.6 ;PROFONDEUR ~
  Q206=+90.0 ;AVANCE PLONGEE ~
  Q202=+6.0 ;PROFONDEUR DE PASSE ~
  Q210=+0.0 ;TEMPO EN HAUT ~
  Q203=+0.0 ;COTE SURFACE ~
  Q204=+50.0 ;SAUT DE BRIDE ~
  Q211=+0.0 ;TEMPO AU FOND
17 L X+20.0 Y+30.0 R0 FMAX M8
18 L Z+50.0 R0 FMAX M99
19 L X+50.0 Y+30.0 R0 FMAX M99
20 L X+80.0 Y+30.0 R0 FMAX M99
21 L Z+100.0 R0 FMAX M9
22 M5
23 M30
24 END PGM PERCAGE_200 MM
