// Danish first names and surnames for the pseudonymous demo staff (no real people).
export const FIRST_NAMES = [
  "Anne", "Mette", "Hanne", "Lone", "Susanne", "Camilla", "Louise", "Maria", "Sofie", "Julie", "Ida", "Emma",
  "Karen", "Pia", "Tina", "Helle", "Marianne", "Signe", "Line", "Maja", "Cecilie", "Laura", "Freja", "Nanna",
  "Peter", "Jens", "Lars", "Søren", "Henrik", "Thomas", "Martin", "Rasmus", "Mads", "Jonas", "Anders", "Mikkel",
  "Niels", "Jakob", "Kasper", "Christian", "Morten", "Jesper", "Frederik", "Emil", "Ahmed", "Fatima", "Sara", "Yasmin",
];

export const SURNAMES = [
  "Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
  "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
  "Knudsen", "Jakobsen", "Mikkelsen", "Lund", "Holm", "Skov", "Dalgaard", "Bech", "Østergaard", "Kjær", "Ali", "Yilmaz",
];
