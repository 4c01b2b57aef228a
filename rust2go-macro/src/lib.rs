//! Procedural macros of rust2go. They parse with `rust2go-model` (the same parser the CLI and
//! the build helper use) and report its errors at the offending tokens. The glue that moves
//! data is generated into `OUT_DIR` by the build helper; these macros only declare the trait,
//! its `<Trait>Impl` and the delegation to that glue.

use proc_macro::TokenStream;
use proc_macro2::{Ident, Span, TokenStream as TokenStream2};
use quote::{format_ident, quote, quote_spanned};
use rust2go_model::{errors, Flavor, TraitArgs};

/// Marks a struct that crosses the rust2go boundary.
#[proc_macro_derive(R2G)]
pub fn derive_r2g(input: TokenStream) -> TokenStream {
    let item = syn::parse_macro_input!(input as syn::Item);
    let out = match &item {
        syn::Item::Struct(s) => match rust2go_model::parse_struct(s) {
            Ok(_) => {
                let name = &s.ident;
                quote!(impl ::rust2go::R2G for #name {})
            }
            Err(e) => e.to_compile_errors(),
        },
        syn::Item::Enum(e) => syn::Error::new(e.enum_token.span, "rust2go: enums are not supported yet; use a struct")
            .to_compile_error(),
        syn::Item::Union(u) => syn::Error::new(u.union_token.span, "rust2go: unions are not supported").to_compile_error(),
        other => syn::Error::new_spanned(other, "rust2go: #[derive(R2G)] applies to structs").to_compile_error(),
    };
    out.into()
}

/// Includes the Rust glue that the build helper generated into `OUT_DIR`
/// (`_go_bindings.rs` unless a file name is given).
#[proc_macro]
pub fn r2g_include_binding(input: TokenStream) -> TokenStream {
    let input = TokenStream2::from(input);
    let name = if input.is_empty() {
        quote!("_go_bindings.rs")
    } else {
        match syn::parse2::<syn::LitStr>(input) {
            Ok(l) => quote!(#l),
            Err(e) => return e.to_compile_error().into(),
        }
    };
    quote!(include!(concat!(env!("OUT_DIR"), "/", #name));).into()
}

/// Declares calls from Rust into Go. See the crate documentation of `rust2go`.
#[proc_macro_attribute]
pub fn r2g(args: TokenStream, input: TokenStream) -> TokenStream {
    let mut item = syn::parse_macro_input!(input as syn::ItemTrait);
    let args = match TraitArgs::parse(args.into()) {
        Ok(a) => a,
        Err(e) => return e.to_compile_error().into(),
    };
    let def = match rust2go_model::parse_trait(&item, args) {
        Ok(d) => d,
        Err(e) => return e.to_compile_errors().into(),
    };
    expand_r2g(&mut item, &def).into()
}

fn strip_method_attrs(item: &mut syn::ItemTrait) {
    for ti in &mut item.items {
        if let syn::TraitItem::Fn(f) = ti {
            f.attrs.retain(|a| {
                !a.path().get_ident().map(|i| errors::METHOD_ATTRS.contains(&i.to_string().as_str())).unwrap_or(false)
            });
        }
    }
}

fn expand_r2g(item: &mut syn::ItemTrait, def: &rust2go_model::TraitDef) -> TokenStream2 {
    strip_method_attrs(item);
    let vis = &item.vis;
    let trait_ident = &item.ident;
    let impl_ident = format_ident!("{}Impl", trait_ident);
    let binding = Ident::new(&def.binding, Span::call_site());

    let mut methods = Vec::new();
    for (ti, m) in item.items.iter().filter_map(|ti| match ti {
        syn::TraitItem::Fn(f) => Some(f),
        _ => None,
    }).zip(&def.methods) {
        let sig = &ti.sig;
        let glue = format_ident!("{}__{}", def.name, m.name);
        let args: Vec<Ident> = m.params.iter().map(|p| Ident::new(&p.name, Span::call_site())).collect();
        let body = match m.flavor {
            Flavor::Sync => quote!(#binding::#glue(#(#args),*)),
            Flavor::Async => quote!(#binding::#glue(#(#args),*).await),
        };
        methods.push(quote!(#sig { #body }));
    }

    // Every struct the trait uses must derive R2G: checked where the name is written.
    let assert_tokens = r2g_asserts(item);

    quote! {
        #item

        /// Calls the Go implementation of
        #[doc = concat!("[`", stringify!(#trait_ident), "`].")]
        #[derive(Clone, Copy, Debug, Default)]
        #vis struct #impl_ident;

        impl #trait_ident for #impl_ident {
            #(#methods)*
        }

        #assert_tokens
    }
}

/// `R2G` bound checks for every non-builtin type name in the trait's signatures, spanned at
/// the type, so a missing derive is reported where the type is used.
fn r2g_asserts(item: &syn::ItemTrait) -> TokenStream2 {
    let mut out = TokenStream2::new();
    let mut visit = |ty: &syn::Type| collect_struct_paths(ty, &mut out);
    for ti in &item.items {
        if let syn::TraitItem::Fn(f) = ti {
            for input in &f.sig.inputs {
                if let syn::FnArg::Typed(pt) = input {
                    visit(&pt.ty);
                }
            }
            if let syn::ReturnType::Type(_, t) = &f.sig.output {
                visit(t);
            }
        }
    }
    out
}

fn collect_struct_paths(ty: &syn::Type, out: &mut TokenStream2) {
    match ty {
        syn::Type::Reference(r) => collect_struct_paths(&r.elem, out),
        syn::Type::Paren(p) => collect_struct_paths(&p.elem, out),
        syn::Type::ImplTrait(it) => {
            for b in &it.bounds {
                if let syn::TypeParamBound::Trait(tb) = b {
                    if let Some(seg) = tb.path.segments.last() {
                        if let syn::PathArguments::AngleBracketed(a) = &seg.arguments {
                            for arg in &a.args {
                                if let syn::GenericArgument::AssocType(at) = arg {
                                    collect_struct_paths(&at.ty, out);
                                }
                            }
                        }
                    }
                }
            }
        }
        syn::Type::Path(tp) => {
            let Some(seg) = tp.path.segments.last() else { return };
            match &seg.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    for arg in &a.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            collect_struct_paths(inner, out);
                        }
                    }
                }
                _ => {
                    let name = seg.ident.to_string();
                    if name != "String" && rust2go_model::Prim::from_rust(&name).is_none() {
                        let span = seg.ident.span();
                        out.extend(quote_spanned! {span=>
                            const _: fn() = || {
                                fn must_derive_r2g<T: ::rust2go::R2G + ?Sized>() {}
                                must_derive_r2g::<#tp>();
                            };
                        });
                    }
                }
            }
        }
        _ => {}
    }
}
