package org.noether.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Lookup by name and alias in any letter case, replacement in place, and the unknown-name message. */
class NamedRegistryTest {

    private static NamedRegistry<Supplier<String>> fruits() {
        NamedRegistry<Supplier<String>> fruits = new NamedRegistry<>("fruit", "fruits");
        fruits.add("apple", List.of("malus", "Apple"), () -> "an apple");
        fruits.add("pear", () -> "a pear");
        return fruits;
    }

    @Test
    void findsNamesAndAliasesInAnyLetterCase() {
        NamedRegistry<Supplier<String>> fruits = fruits();
        for (String name : List.of("apple", "APPLE", "aPpLe", "Malus")) {
            assertEquals("an apple", fruits.entry(name).factory().get(), name);
            assertEquals("apple", fruits.entry(name).name(), name);
        }
        assertEquals("a pear", fruits.entry("Pear").factory().get());
        assertEquals(Optional.empty(), fruits.find("plum"));
        assertEquals(Optional.empty(), fruits.find(null));
        assertEquals(List.of("apple", "pear"), fruits.names());
    }

    @Test
    void addingAKnownNameReplacesTheEntryInItsPlace() {
        NamedRegistry<Supplier<String>> fruits = fruits();
        fruits.add("APPLE", () -> "another apple");
        assertEquals(List.of("APPLE", "pear"), fruits.names());
        assertEquals("another apple", fruits.entry("apple").factory().get());
        // the replaced entry's aliases go with it
        assertEquals(Optional.empty(), fruits.find("malus"));
    }

    @Test
    void anUnknownNameListsTheKnownOnesWithTheirShortAliases() {
        NamedRegistry<Supplier<String>> fruits = fruits();
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fruits.entry("plum"));
        assertEquals("Unknown fruit 'plum'. Known fruits: apple [malus], pear. Received: plum", error.getMessage());
        assertEquals("Unknown fruit 'null'. Known fruits: apple [malus], pear. Received: null",
                assertThrows(IllegalArgumentException.class, () -> fruits.entry(null)).getMessage());
        String hinted = fruits.unknown("plum", "Plums are stone fruit.").getMessage();
        assertTrue(hinted.startsWith("Unknown fruit 'plum'. Plums are stone fruit. Known fruits: "), hinted);
    }
}
